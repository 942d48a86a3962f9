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
 * A database made before greenhouses could have several controllers is migrated without losing anything: each
 * zone takes its greenhouse's controller, with its inputs and outputs, and a greenhouse then takes a second one.
 */
class ControllersMigrationTest {
  private static final String URL = "jdbc:h2:mem:controllers-migration;DB_CLOSE_DELAY=-1";

  private static Flyway flyway(String target) {
    return Flyway.configure().dataSource(URL, "sa", "").locations("classpath:db/migration").target(target).load();
  }

  @Test
  void zonesTakeTheirGreenhousesControllerAndASecondControllerCanJoin() throws SQLException {
    flyway("11").migrate();
    try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
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

    flyway("latest").migrate();
    try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
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
