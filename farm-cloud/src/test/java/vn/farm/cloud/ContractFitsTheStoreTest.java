package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.db.Database;
import vn.farm.contract.Channel;

/**
 * The contract and the store agree (docs/protocol.md, "Rejected messages"): every string of every channel's schema has
 * a maxLength, counted in characters as JSON Schema counts them, and every column of the database that holds one takes
 * the longest valid value, as this database counts: PostgreSQL in characters, H2 in UTF-16 units, where a character
 * outside the Basic Multilingual Plane is two, unless the field's pattern admits only ASCII. What the cloud sends to
 * devices runs the other way: a column it fills those fields from never holds more than the field allows (an enum
 * excepted: the cloud writes only its words). Every other text column of the migrations is named here with what keeps
 * it within bounds, so a new one cannot go unchecked. Runs on H2, and on PostgreSQL in `.ci/run`'s second pass.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class ContractFitsTheStoreTest {
  private static final Set<Channel> FROM_DEVICES = EnumSet.of(Channel.TELEMETRY, Channel.EVENTS, Channel.STATE,
      Channel.STATUS, Channel.ACKS);

  /** Each schema string, as {@code channel:/path}, and the columns that hold it ("table.column"). */
  private static final Map<String, List<String>> HELD_IN = new LinkedHashMap<>();

  static {
    held("telemetry:/deviceId", "telemetry_message.device_id", "reading.device_id", "device.device_id",
        "boot_clock.device_id", "reading_hourly.device_id", "reading_daily.device_id");
    held("telemetry:/bootId", "telemetry_message.boot_id", "boot_clock.boot_id");
    held("telemetry:/readings[]/sensor", "reading.sensor", "reading_hourly.sensor", "reading_daily.sensor");
    held("telemetry:/readings[]/quantity", "reading.quantity", "reading_hourly.quantity", "reading_daily.quantity");
    held("telemetry:/readings[]/unit", "reading.unit");
    held("telemetry:/readings[]/at");
    held("events:/deviceId", "device_event.device_id", "output_run.device_id");
    held("events:/type", "device_event.event_type");
    held("events:/severity", "device_event.severity");
    held("events:/at");
    held("events:/message", "device_event.message");
    held("events:/run/output", "output_run.output_id");
    // What an event is about is read by the alerts as it arrives; the alert keeps the input as its subject.
    held("events:/about/input", "alert.subject");
    held("events:/about/output");
    held("events:/about/kind");
    held("events:/run/startedAt");
    held("state:/deviceId", "actuator_state.device_id");
    held("state:/at");
    held("state:/outboxOldest");
    held("state:/actuators{}", "actuator_state.actuator");
    held("state:/actuators{}/since");
    held("state:/actuators{}/cause", "actuator_state.cause");
    held("state:/actuators{}/until");
    held("status:/at");
    held("status:/bootId", "device.boot_id");
    // An ack's command id only finds the command the cloud stored; it is never stored from the ack.
    held("acks:/commandId");
    held("acks:/status", "command.status");
    held("acks:/reason", "command.reason");
    held("acks:/at");
    held("commands:/commandId", "command.command_id");
    held("commands:/actuator", "command.actuator");
    held("commands:/action", "command.cmd_action");
    held("commands:/issuedAt");
    held("commands:/expiresAt");
    held("commands:/issuedBy", "command.issued_by");
    held("config:/crop", "crop_cycle.crop");
    held("config:/stage", "crop_cycle.stage");
    held("config:/plantingDate");
    // Made by the cloud from a rejection, within IngestFailure.DETAIL_LENGTH, and never stored.
    held("receipts:/rejected[]/reason");
    held("receipts:/rejected[]/detail");
  }

  /**
   * Text columns no message of the contract fills, and what keeps each within its length: the API's field checks,
   * the cloud's own vocabulary, or a cut to fit.
   */
  private static final Map<String, String> CLOUDS_OWN = new TreeMap<>();

  static {
    for (String c : List.of("greenhouse.name", "greenhouse.house_type", "cooperative.name", "cooperative.province",
        "cooperative.district", "farm.name", "zone.name", "crop_cycle.variety", "crop_cycle_revision.variety",
        "crop_cycle_revision.note", "harvest.grade", "harvest_revision.grade", "harvest_revision.note",
        "app_user.username", "app_user.phone", "app_user.display_name", "app_user.province", "app_user.district",
        "alert_channel.name", "alert_channel.url", "alert_channel.token", "alert_channel.recipients",
        "alert_channel.quiet_from", "alert_channel.quiet_until", "alert_channel.lang", "alert_channel.kind",
        "alert_rule.quantity", "alert_rule.kind", "alert_rule.severity", "zone_channel.channel_id",
        "zone_channel.channel_kind", "zone_channel.device_id", "zone.device_id", "crop_cycle_revision.crop",
        "crop_cycle_revision.stage")) {
      CLOUDS_OWN.put(c, "checked by the API's field checks before it is stored");
    }
    for (String c : List.of("app_user.password_hash", "app_user.user_role", "user_session.token_hash",
        "login_device.token_hash",
        "device_credential.device_id", "device_credential.secret_hash", "device_credential.issued_by",
        "telemetry_message.clock_source", "device_config.device_id", "device_config.set_by", "crop_cycle.updated_by",
        "crop_cycle_revision.changed_by", "harvest.updated_by", "harvest_revision.changed_by", "alert_rule.created_by",
        "alert.device_id", "alert.subject", "alert.open_key", "alert.kind", "alert.severity", "alert.acked_by",
        "alert.close_reason", "alert_delivery.recipient", "alert_delivery.event", "alert_delivery.status",
        "audit_log.actor", "audit_log.audit_action", "audit_log.outcome", "command.device_id")) {
      CLOUDS_OWN.put(c, "the cloud's own vocabulary, ids and hashes, within the column");
    }
    CLOUDS_OWN.put("device.last_rejection", "cut to 500 UTF-16 units by Rejections");
    CLOUDS_OWN.put("alert.text_vi", "cut to 500 UTF-16 units by AlertStore");
    CLOUDS_OWN.put("alert.text_en", "cut to 500 UTF-16 units by AlertStore");
    CLOUDS_OWN.put("alert_delivery.last_error", "cut by the notifier");
    CLOUDS_OWN.put("audit_log.target", "ids and names the API checked");
    CLOUDS_OWN.put("audit_log.detail", "ids and names the API checked");
    CLOUDS_OWN.put("device_config.body", "the configuration as JSON, at most 100,000 characters (ConfigService)");
  }

  private static void held(String field, String... columns) {
    HELD_IN.put(field, List.of(columns));
  }

  /** A string of a schema: where it is, and its bounds. */
  record SchemaString(String field, Integer maxLength, String pattern, List<String> values) {
    boolean asciiOnly() {
      return values != null || pattern != null && PatternScan.admitsOnlyAscii(pattern);
    }

    int longest() {
      return values != null ? values.stream().mapToInt(String::length).max().orElse(0) : maxLength;
    }
  }

  @Inject
  Database database;
  private final ObjectMapper json = new ObjectMapper();
  private JsonNode common;

  @BeforeEach
  void loadCommon() throws IOException {
    common = schema("common");
  }

  private JsonNode schema(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/schemas/" + name + ".schema.json")) {
      return json.readTree(in);
    }
  }

  /** Every string of every channel's schema, through references into the shared definitions. */
  private List<SchemaString> strings() throws IOException {
    List<SchemaString> found = new ArrayList<>();
    for (Channel channel : Channel.values()) {
      walk(channel.level() + ":", schema(channel.level()), found);
    }
    return found;
  }

  private void walk(String at, JsonNode node, List<SchemaString> found) {
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      walk(at, common.at(ref.substring(ref.indexOf('#') + 1)), found);
      return;
    }
    JsonNode type = node.get("type");
    boolean string = type != null && (type.asText().equals("string")
        || type.isArray() && type.toString().contains("\"string\""));
    if (node.has("enum") && (type == null || string)) {
      List<String> values = new ArrayList<>();
      node.get("enum").forEach(v -> values.add(v.asText()));
      found.add(new SchemaString(at, null, null, values));
    } else if (string) {
      found.add(new SchemaString(at, node.has("maxLength") ? node.get("maxLength").asInt() : null,
          node.has("pattern") ? node.get("pattern").asText() : null, null));
    }
    if (node.has("properties")) {
      node.get("properties").fields().forEachRemaining(e -> walk(at + "/" + e.getKey(), e.getValue(), found));
    }
    if (node.has("items")) {
      walk(at + "[]", node.get("items"), found);
    }
    if (node.has("propertyNames")) {
      walk(at + "{}", node.get("propertyNames"), found);
    }
    if (node.has("additionalProperties") && node.get("additionalProperties").isObject()) {
      walk(at + "{}", node.get("additionalProperties"), found);
    }
  }

  /** Every text column of the database, as "table.column", with its declared length. */
  private Map<String, Integer> textColumns() throws SQLException {
    Map<String, Integer> columns = new TreeMap<>();
    try (Connection c = database.get().getConnection();
        ResultSet rs = c.getMetaData().getColumns(null, null, "%", "%")) {
      while (rs.next()) {
        String schema = rs.getString("TABLE_SCHEM");
        String typeName = rs.getString("TYPE_NAME").toLowerCase(java.util.Locale.ROOT);
        if (!schema.equalsIgnoreCase("public") || !(typeName.contains("char") || typeName.contains("text"))) {
          continue;
        }
        String table = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
        if (table.startsWith("flyway")) {
          continue;
        }
        columns.put(table + "." + rs.getString("COLUMN_NAME").toLowerCase(java.util.Locale.ROOT),
            rs.getInt("COLUMN_SIZE"));
      }
    }
    return columns;
  }

  @Test
  void everyStringOfEverySchemaHasAMaxLength() throws IOException {
    List<String> unbounded = strings().stream().filter(s -> s.values() == null && s.maxLength() == null)
        .map(SchemaString::field).toList();
    assertThat(unbounded).as("schema strings without maxLength").isEmpty();
  }

  @Test
  void everySchemaStringIsNamedHereWithTheColumnsThatHoldIt() throws IOException {
    List<String> fields = strings().stream().map(SchemaString::field).toList();
    assertThat(fields).as("schema strings this test does not know").allMatch(HELD_IN::containsKey);
    assertThat(HELD_IN.keySet()).as("fields named here that no schema has").allMatch(fields::contains);
  }

  @Test
  void everyColumnHoldsTheLongestValueOfItsFieldAsThisDatabaseCounts() throws Exception {
    Map<String, Integer> columns = textColumns();
    boolean countsUnits = database.isH2();
    List<String> mismatches = new ArrayList<>();
    for (SchemaString s : strings()) {
      Channel channel = Channel.ofLevel(s.field().substring(0, s.field().indexOf(':')));
      for (String column : HELD_IN.getOrDefault(s.field(), List.of())) {
        Integer size = columns.get(column);
        if (size == null) {
          mismatches.add(s.field() + ": no column " + column);
          continue;
        }
        if (FROM_DEVICES.contains(channel)) {
          int needed = countsUnits && !s.asciiOnly() ? 2 * s.longest() : s.longest();
          if (size < needed) {
            mismatches.add(s.field() + " (" + s.longest() + " characters" + (s.asciiOnly() ? ", ASCII" : "")
                + ") needs " + needed + " in " + column + ", which holds " + size);
          }
        } else if (s.values() == null && size > s.longest()) {
          // An enum the cloud sends is one of its own words, whatever the column could hold.
          mismatches.add(s.field() + " (at most " + s.longest() + " characters) is filled from " + column
              + ", which holds " + size);
        }
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyTextColumnOfTheMigrationsIsAccountedFor() throws Exception {
    Set<String> held = new java.util.HashSet<>();
    HELD_IN.values().forEach(held::addAll);
    List<String> unaccounted = textColumns().keySet().stream()
        .filter(c -> !held.contains(c) && !CLOUDS_OWN.containsKey(c)).toList();
    assertThat(unaccounted).as("text columns neither held from a schema field nor the cloud's own").isEmpty();
    assertThat(CLOUDS_OWN.keySet()).as("columns named here that the database has not").allMatch(
        textColumns()::containsKey);
  }

  /** Whether a JSON Schema pattern can only match ASCII text. */
  static final class PatternScan {
    private PatternScan() {}

    /**
     * Returns true when every character the pattern can match is written out as ASCII: no dot outside a class, no
     * negated class, no shorthand or property class that reaches beyond ASCII, no non-ASCII character.
     */
    static boolean admitsOnlyAscii(String pattern) {
      boolean inClass = false;
      for (int i = 0; i < pattern.length(); i++) {
        char c = pattern.charAt(i);
        if (c > 127) {
          return false;
        }
        if (c == '\\') {
          char next = pattern.charAt(++i);
          if ("SWDpPu".indexOf(next) >= 0) {
            return false;
          }
          continue;
        }
        if (c == '[') {
          if (inClass) {
            continue;
          }
          inClass = true;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
            return false;
          }
        } else if (c == ']') {
          inClass = false;
        } else if (c == '.' && !inClass) {
          return false;
        }
      }
      return true;
    }
  }
}
