package vn.farm.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.farm.profile.CropProfile;
import vn.farm.profile.Profiles;

/**
 * Sets the demo up through the farm cloud's own API, as an administrator would: two cooperatives, their
 * greenhouses, and one person of each role, all with the password {@value #PASSWORD}. Safe to run again on a
 * restarted demo: what exists is kept.
 */
final class DemoSetup {
  /** Password of every demo account. The demo's accounts are for trying it out, never for a real farm. */
  static final String PASSWORD = "demo-2026";
  /** The demo's accounts and what each shows, in the order they are printed. */
  static final Map<String, String> ACCOUNTS = new LinkedHashMap<>();

  static {
    ACCOUNTS.put("nongdan", "nông dân / farmer: gh-1 and gh-2");
    ACCOUNTS.put("quanly", "quản lý HTX / cooperative manager");
    ACCOUNTS.put("khuyennong", "cán bộ khuyến nông / extension officer, Sơn La (read only)");
    ACCOUNTS.put("admin", "quản trị / administrator");
  }

  private static final String[] FIRST = {"HTX Rau an toàn Mộc Châu", "Sơn La", "Mộc Châu"};
  private static final String[] SECOND = {"HTX Dưa lưới Gia Lâm", "Hà Nội", "Gia Lâm"};

  private final URI base;
  private CloudApi api;

  DemoSetup(URI base) {
    this.base = base;
  }

  /**
   * Logs in as the administrator and makes whatever is missing. Greenhouse {@code i} is served by
   * {@code deviceIds[i]} and grows {@code crops[i]}; with three or more, the last belongs to the second
   * cooperative. Each controller gets MQTT credentials, kept in its folder under {@code edgeRoot} as on a Pi.
   */
  void run(List<String> deviceIds, List<String> names, List<String> crops, Path edgeRoot)
      throws IOException, InterruptedException {
    api = CloudApi.login(base, "admin", PASSWORD);
    long first = cooperative(FIRST);
    long second = deviceIds.size() >= 3 ? cooperative(SECOND) : first;
    Map<String, Long> served = new HashMap<>();
    for (JsonNode g : api.send("GET", "/api/greenhouses", null, 200)) {
      for (JsonNode c : g.path("controllers")) {
        served.put(c.path("deviceId").asText(), g.path("id").asLong());
      }
    }
    for (int i = 0; i < deviceIds.size(); i++) {
      String id = deviceIds.get(i);
      if (!served.containsKey(id)) {
        long coop = i == deviceIds.size() - 1 ? second : first;
        served.put(id, api.send("POST", "/api/greenhouses", Map.of("name", names.get(i), "deviceId", id,
            "cooperativeId", coop, "type", names.get(i).startsWith("Nhà lưới") ? "net" : "film", "areaM2", 1000),
            201).path("id").asLong());
      }
    }
    for (int i = 0; i < deviceIds.size(); i++) {
      api.enrol(deviceIds.get(i), edgeRoot.resolve(deviceIds.get(i)));
      cropCycle(served.get(deviceIds.get(i)), crops.get(i));
    }
    Set<String> people = new HashSet<>();
    for (JsonNode u : api.send("GET", "/api/users?limit=200", null, 200).path("users")) {
      people.add(u.path("username").asText());
    }
    if (!people.contains("quanly")) {
      person("quanly", "Chị Hà (quản lý HTX)", "manager", first, null);
    }
    if (!people.contains("khuyennong")) {
      person("khuyennong", "Anh Minh (khuyến nông)", "officer", null, FIRST[1]);
    }
    if (!people.contains("nongdan")) {
      long farmer = person("nongdan", "Bác Tư (nông dân)", "farmer", first, null);
      // The first two greenhouses are the first cooperative's whenever there are two or more.
      for (String device : deviceIds.subList(0, Math.min(2, deviceIds.size()))) {
        Long greenhouse = served.get(device);
        if (greenhouse != null) {
          api.send("PUT", "/api/users/" + farmer + "/greenhouses/" + greenhouse, null, 200);
        }
      }
    }
  }

  /**
   * Records the crop a simulated greenhouse grows, planted so that it is in mid-season today: the simulator grows
   * it at its highest crop coefficient, which is mid-season's.
   */
  private void cropCycle(long greenhouse, String crop) throws IOException, InterruptedException {
    String path = "/api/greenhouses/" + greenhouse + "/crop-cycles";
    if (!api.send("GET", path, null, 200).isEmpty()) {
      return;
    }
    CropProfile profile = Profiles.builtinCrop(crop);
    int days = profile.stages().get(0).days() + profile.stages().get(1).days() + profile.stages().get(2).days() / 2;
    LocalDate planted = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(days);
    api.send("POST", path, Map.of("crop", crop, "plantedOn", planted.toString()), 201);
  }

  private long cooperative(String[] c) throws IOException, InterruptedException {
    for (JsonNode existing : api.send("GET", "/api/cooperatives", null, 200)) {
      if (existing.path("name").asText().equals(c[0])) {
        return existing.path("id").asLong();
      }
    }
    long id = api.send("POST", "/api/cooperatives", Map.of("name", c[0], "province", c[1], "district", c[2]), 201)
        .path("id").asLong();
    // Beside the rules every cooperative starts with: a greenhouse too hot or too cold for ten minutes.
    api.send("POST", "/api/alert-rules", Map.of("cooperativeId", id, "kind", "band", "quantity", "air_temperature",
        "min", 12, "max", 35, "forMinutes", 10), 201);
    return id;
  }

  private long person(String username, String name, String role, Long cooperativeId, String province)
      throws IOException, InterruptedException {
    Map<String, Object> body = new HashMap<>(Map.of("username", username, "displayName", name, "password",
        PASSWORD, "role", role));
    if (cooperativeId != null) {
      body.put("cooperativeId", cooperativeId);
    }
    if (province != null) {
      body.put("province", province);
    }
    return api.send("POST", "/api/users", body, 201).path("id").asLong();
  }
}
