package vn.farm.cloud.alert;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import vn.farm.cloud.alert.AlertStore.Rule;

/**
 * An alert rule (table {@code alert_rule}): what a cooperative's manager set up to be warned of. Only its switch
 * changes after it is stored, so it carries no version; the alerts it opens stay rows written by the engine.
 */
@Entity
@Table(name = "alert_rule")
class AlertRule {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "cooperative_id", nullable = false)
  private long cooperativeId;

  @Column(name = "greenhouse_id")
  private Long greenhouseId;

  /** The kind's wire name ({@link RuleKind#wireName()}), as the API names it too. */
  @Column(nullable = false, length = 16)
  private String kind;

  @Column(length = 32)
  private String quantity;

  @Column(name = "min_value")
  private Double minValue;

  @Column(name = "max_value")
  private Double maxValue;

  @Column(name = "for_minutes", nullable = false)
  private int forMinutes;

  @Column(nullable = false, length = 16)
  private String severity;

  @Column(nullable = false)
  private boolean enabled;

  @Column(name = "created_by", nullable = false, length = 64)
  private String createdBy;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected AlertRule() {}

  AlertRule(Rule r, String by, Instant now) {
    cooperativeId = r.cooperativeId();
    greenhouseId = r.greenhouseId();
    kind = r.kind().wireName();
    quantity = r.quantity();
    minValue = r.min();
    maxValue = r.max();
    forMinutes = r.forMinutes();
    severity = r.severity();
    enabled = r.enabled();
    createdBy = by;
    createdAt = now;
  }

  void enable(boolean on) {
    enabled = on;
  }

  Rule rule() {
    return new Rule(id, cooperativeId, greenhouseId, RuleKind.of(kind), quantity, minValue, maxValue, forMinutes,
        severity, enabled);
  }
}
