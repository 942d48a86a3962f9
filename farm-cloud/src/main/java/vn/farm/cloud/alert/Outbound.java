package vn.farm.cloud.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.farm.cloud.alert.AlertStore.Alert;
import vn.farm.cloud.alert.ChannelStore.Channel;

/**
 * How one kind of channel carries a message over HTTP: the body and headers it posts and what counts as accepted
 * (a redirect never does: it is not followed).
 * <ul>
 *   <li>{@code sms}: an SMS gateway taking {@code {"to": ["0912…"], "content": "…"}} with
 *       {@code Authorization: Bearer {token}}; a 2xx answer is accepted;</li>
 *   <li>{@code zalo}: the Zalo Official Account message API (v3 customer-service message,
 *       {@code https://openapi.zalo.me/v3.0/oa/message/cs}) with the OA's {@code access_token} header and
 *       {@code {"recipient": {"user_id": …}, "message": {"text": …}}}; accepted when the answer is 2xx and its
 *       {@code error} is 0;</li>
 *   <li>{@code webhook}: the alert as JSON to any URL, with {@code Authorization: Bearer {token}} when a token is
 *       set; a 2xx answer is accepted.</li>
 * </ul>
 */
enum Outbound {
  SMS("sms") {
    @Override
    Object body(Alert a, String event, String recipient, String text) {
      return Map.of("to", List.of(recipient), "content", text);
    }
  },
  ZALO("zalo") {
    @Override
    Object body(Alert a, String event, String recipient, String text) {
      return Map.of("recipient", Map.of("user_id", recipient), "message", Map.of("text", text));
    }

    @Override
    void authorize(Map<String, String> headers, String token) {
      if (token != null) {
        headers.put("access_token", token);
      }
    }

    @Override
    String refusal(Sender.Answer r, ObjectMapper json) {
      String http = super.refusal(r, json);
      if (http != null) {
        return http;
      }
      if (r.cut()) {
        return "Zalo answered more than " + Sender.MAX_ANSWER_BYTES / 1024 + " KiB, not its JSON status: "
            + preview(r.body());
      }
      try {
        JsonNode body = json.readTree(r.body());
        return body.path("error").asInt(-1) == 0 ? null
            : "Zalo error " + body.path("error").asText("?") + ": " + body.path("message").asText("");
      } catch (java.io.IOException e) {
        return "Zalo answered something that is not JSON: " + preview(r.body());
      }
    }
  },
  WEBHOOK("webhook") {
    @Override
    Object body(Alert a, String event, String recipient, String text) {
      Map<String, Object> alert = new LinkedHashMap<>();
      alert.put("id", a.id());
      alert.put("greenhouseId", a.greenhouseId());
      alert.put("deviceId", a.deviceId());
      alert.put("kind", a.kind());
      alert.put("severity", a.severity());
      alert.put("subject", a.subject());
      alert.put("textVi", a.textVi());
      alert.put("textEn", a.textEn());
      alert.put("openedAt", a.openedAt().toString());
      alert.put("closedAt", a.closedAt() == null ? null : a.closedAt().toString());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("event", event);
      body.put("text", text);
      body.put("alert", alert);
      return body;
    }
  };

  private final String wireName;

  Outbound(String wireName) {
    this.wireName = wireName;
  }

  static Outbound of(String kind) {
    for (Outbound o : values()) {
      if (o.wireName.equals(kind)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown channel kind " + kind);
  }

  abstract Object body(Alert a, String event, String recipient, String text);

  /** Returns the JSON body carrying {@code text} of {@code a} to {@code recipient}. */
  byte[] message(Alert a, String event, String recipient, String text, ObjectMapper json) {
    try {
      return json.writeValueAsBytes(body(a, event, recipient, text));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write an alert message", e);
    }
  }

  /** Returns the headers of a message over {@code ch}. */
  Map<String, String> headers(Channel ch) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    authorize(headers, ch.token());
    return headers;
  }

  void authorize(Map<String, String> headers, String token) {
    if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
  }

  /** Returns why the receiver did not accept the message, or null when it did. */
  String refusal(Sender.Answer r, ObjectMapper json) {
    if (r.status() / 100 == 3) {
      return "HTTP " + r.status() + ": redirects are not followed" + (r.location() == null ? ""
          : " (to " + preview(r.location()) + ")") + "; give the channel the address it redirects to";
    }
    return r.status() / 100 == 2 ? null : "HTTP " + r.status() + ": " + preview(r.body());
  }

  static String preview(String body) {
    return body == null ? "" : body.length() <= 200 ? body : body.substring(0, 200) + "…";
  }
}
