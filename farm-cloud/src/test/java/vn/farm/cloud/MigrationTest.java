package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Databases made by earlier versions are migrated without losing anything: each migration that reshapes data is
 * run on rows written under the version before it.
 */
class MigrationTest {
  private static Flyway flyway(String url, String target) {
    return Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration").target(target).load();
  }

  /** Greenhouses of one controller become greenhouses that may have several (V12). */
  @Test
  void zonesTakeTheirGreenhousesControllerAndASecondControllerCanJoin() throws SQLException {
    String url = "jdbc:h2:mem:controllers-migration;DB_CLOSE_DELAY=-1";
    flyway(url, "11").migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO cooperative (id, name, province, created_at) VALUES (1, 'HTX', 'Sơn La', NOW())");
      s.execute("INSERT INTO greenhouse (id, name, cooperative_id, created_at) VALUES (1, 'Nhà 1', 1, NOW()), "
          + "(2, 'Nhà 2', 1, NOW())");
      s.execute("INSERT INTO device (device_id, greenhouse_id, first_seen, rejected_payloads) VALUES "
          + "('gh-1', 1, NOW(), 3)");
      s.execute("INSERT INTO zone (id, greenhouse_id, name, created_at) VALUES (1, 1, 'Luống A', NOW()), "
          + "(2, 2, 'Luống B', NOW())");
      s.execute("INSERT INTO zone_channel (zone_id, greenhouse_id, channel_kind, channel_id) VALUES "
          + "(1, 1, 'input', 'soil-1'), (1, 1, 'output', 'valve.a'), (2, 2, 'input', 'soil-1')");
      // Before: one controller a greenhouse.
      assertThatThrownBy(() -> s.execute("INSERT INTO device (device_id, greenhouse_id, first_seen) VALUES "
          + "('gh-1b', 1, NOW())")).isInstanceOf(SQLException.class);
    }

    flyway(url, "latest").migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      assertThat(rows(s, "SELECT device_id, greenhouse_id, rejected_payloads FROM device"))
          .containsExactly("gh-1 1 3");
      assertThat(rows(s, "SELECT id, device_id FROM zone ORDER BY id")).containsExactly("1 gh-1", "2 null");
      assertThat(rows(s, "SELECT zone_id, device_id, channel_kind, channel_id FROM zone_channel "
          + "ORDER BY zone_id, channel_kind")).containsExactly("1 gh-1 input soil-1", "1 gh-1 output valve.a",
              "2 null input soil-1");
      s.execute("INSERT INTO device (device_id, greenhouse_id, first_seen) VALUES ('gh-1b', 1, NOW())");
      assertThat(rows(s, "SELECT device_id FROM device WHERE greenhouse_id = 1 ORDER BY device_id"))
          .containsExactly("gh-1", "gh-1b");
      // A channel lies in one zone of its controller; another controller's channel of the same id is its own.
      s.execute("INSERT INTO zone (id, greenhouse_id, name, device_id, created_at) VALUES (3, 1, 'Luống C', "
          + "'gh-1b', NOW())");
      s.execute("INSERT INTO zone_channel (zone_id, greenhouse_id, device_id, channel_kind, channel_id) VALUES "
          + "(3, 1, 'gh-1b', 'input', 'soil-1')");
      assertThatThrownBy(() -> s.execute("INSERT INTO zone_channel (zone_id, greenhouse_id, device_id, "
          + "channel_kind, channel_id) VALUES (3, 1, 'gh-1', 'input', 'soil-1')")).isInstanceOf(SQLException.class);
    }
  }

  /** Stored messages get the time span of their readings, by which they are found once the seq index is gone (V13). */
  @Test
  void storedMessagesGetTheTimeSpanOfTheirReadings() throws SQLException {
    String url = "jdbc:h2:mem:span-migration;DB_CLOSE_DELAY=-1";
    flyway(url, "12").migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      s.execute("INSERT INTO telemetry_message (device_id, seq, boot_id, received_at) VALUES "
          + "('gh-1', 1, 'b1', TIMESTAMP WITH TIME ZONE '2026-06-01 10:00:05+00'), "
          + "('gh-1', 2, 'b1', TIMESTAMP WITH TIME ZONE '2026-06-01 10:00:15+00')");
      s.execute("INSERT INTO reading (device_id, seq, sensor, quantity, val, unit, measured_at) VALUES "
          + "('gh-1', 1, 'soil-1', 'soil_moisture', 40, '%', TIMESTAMP WITH TIME ZONE '2026-06-01 10:00:00+00'), "
          + "('gh-1', 1, 'air', 'air_temperature', 24, '°C', TIMESTAMP WITH TIME ZONE '2026-06-01 10:00:02+00')");
    }
    flyway(url, "latest").migrate();
    try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
      assertThat(rows(s, "SELECT seq, EXTRACT(EPOCH FROM first_at), EXTRACT(EPOCH FROM last_at) "
          + "FROM telemetry_message ORDER BY seq")).containsExactly("1 1780308000 1780308002",
              "2 null null");
      assertThat(rows(s, "SELECT COUNT(*) FROM reading")).containsExactly("2");
      assertThat(rows(s, "SELECT COUNT(*) FROM INFORMATION_SCHEMA.INDEXES WHERE INDEX_NAME = "
          + "'READING_DEVICE_SEQ_IX'")).containsExactly("0");
      // A device's latest readings are found through the time index, not by reading all of the device's.
      assertThat(String.join("\n", rows(s, "EXPLAIN SELECT r.seq FROM telemetry_message m JOIN reading r "
          + "ON r.device_id = m.device_id AND r.measured_at >= m.first_at AND r.measured_at <= m.last_at "
          + "AND r.seq = m.seq WHERE m.device_id = 'gh-1' AND m.seq = 1")))
          .contains("READING_DEVICE_TIME_IX: DEVICE_ID = M.DEVICE_ID\n        AND MEASURED_AT >= M.FIRST_AT");
    }
  }

  private static List<String> rows(Statement s, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> cells = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          cells.add(String.valueOf(rs.getObject(i)));
        }
        rows.add(String.join(" ", cells));
      }
    }
    return rows;
  }
}
