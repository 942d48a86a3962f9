package vn.farm.edge.safety;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.profile.OutputKind;

class DailyBudgetTest {
  /** UTC+7, no daylight saving: local midnight is 17:00 UTC. */
  private static final ZoneId HANOI = ZoneId.of("Asia/Ho_Chi_Minh");
  /** 23:30 in Hanoi. */
  private static final Instant LATE = Instant.parse("2026-07-15T16:30:00Z");
  private static final List<OutputSpec> SPECS = List.of(new OutputSpec("pump", OutputKind.PUMP, 17, true, 12.0),
      new OutputSpec("mist", OutputKind.MIST_VALVE, 23, true, null));
  /** 30 min or 120 L (10 min at 12 L/min) a day, whichever comes first. */
  private static final OutputLimits PUMP = new OutputLimits(Duration.ofHours(2), Duration.ZERO, 30.0, 120.0, null,
      false);

  @TempDir
  Path dataDir;

  private SafetyLedger ledger(Instant now, ZoneId zone) {
    return SafetyLedger.open(dataDir, List.of("pump", "mist"), now, zone, Duration.ofSeconds(60));
  }

  @Test
  void aRunAcrossLocalMidnightIsTimedToMidnightAndThenCountsOnlyTheNewDay() {
    OutputLimits minutesOnly = new OutputLimits(Duration.ofHours(2), Duration.ZERO, 45.0, null, null, false);
    SafetyLedger ledger = ledger(LATE, HANOI);
    DailyBudget budget = new DailyBudget(ledger, SPECS, HANOI);
    ledger.switchedOn(ledger.of("mist"), LATE);

    assertThat(budget.left("mist", minutesOnly, LATE)).as("45 min of budget, but midnight is 30 min away")
        .isEqualTo(Duration.ofMinutes(30));
    Instant beforeMidnight = LATE.plus(Duration.ofMinutes(29));
    assertThat(budget.left("mist", minutesOnly, beforeMidnight)).isEqualTo(Duration.ofMinutes(1));

    Instant afterMidnight = Instant.parse("2026-07-15T17:10:00Z");
    budget.roll(afterMidnight);
    assertThat(budget.onTimeToday("mist", afterMidnight)).as("only the run since 00:00 local counts")
        .isEqualTo(Duration.ofMinutes(10));
    assertThat(budget.trip("mist", minutesOnly, afterMidnight)).isNull();
    assertThat(budget.left("mist", minutesOnly, afterMidnight)).as("a fresh 45 min less the 10 since midnight")
        .isEqualTo(Duration.ofMinutes(35));
  }

  @Test
  void aDayIsALocalDayOfTheZoneNotAUtcDay() {
    OutputLimits minutesOnly = new OutputLimits(Duration.ofHours(2), Duration.ZERO, 30.0, null, null, false);
    SafetyLedger ledger = ledger(LATE, HANOI);
    DailyBudget budget = new DailyBudget(ledger, SPECS, HANOI);
    SafetyLedger.Counters mist = ledger.of("mist");
    ledger.switchedOn(mist, LATE);
    ledger.switchedOff(mist, LATE.plus(Duration.ofMinutes(30)));

    Instant lastSecondOfTheLocalDay = Instant.parse("2026-07-15T16:59:59Z");
    budget.roll(lastSecondOfTheLocalDay);
    assertThat(budget.refusal("mist", minutesOnly, lastSecondOfTheLocalDay)).startsWith(
        "mist has used its daily limit");
    Instant sameUtcDayNextLocalDay = Instant.parse("2026-07-15T17:00:00Z");
    budget.roll(sameUtcDayNextLocalDay);
    assertThat(budget.refusal("mist", minutesOnly, sameUtcDayNextLocalDay)).isNull();
    assertThat(budget.onTimeToday("mist", sameUtcDayNextLocalDay)).isZero();
  }

  @Test
  void refusingTimingAndTrippingUseTheSameCount() {
    Instant start = Instant.parse("2026-07-15T02:00:00Z");
    SafetyLedger ledger = ledger(start, HANOI);
    DailyBudget budget = new DailyBudget(ledger, SPECS, HANOI);
    ledger.switchedOn(ledger.of("pump"), start);

    assertThat(budget.left("pump", PUMP, start)).as("the litres run out before the minutes")
        .isEqualTo(Duration.ofMinutes(10));
    Instant used = start.plus(budget.left("pump", PUMP, start));
    assertThat(budget.trip("pump", PUMP, used.minusMillis(1))).isNull();
    Trip trip = budget.trip("pump", PUMP, used);
    assertThat(trip.event()).isEqualTo("safety.daily_budget");
    assertThat(trip.cause()).isEqualTo("safety:daily_budget");
    assertThat(trip.why()).isEqualTo("pump switched off: its daily limit of 120 L is used");
    assertThat(trip.about().limit()).isEqualTo(120.0);
    assertThat(trip.about().value()).isEqualTo(120.0);

    ledger.switchedOff(ledger.of("pump"), used);
    assertThat(budget.refusal("pump", PUMP, used))
        .isEqualTo("pump has delivered its daily limit of 120 L today (120 L); it may run again tomorrow");
    assertThat(budget.litresToday("pump", used)).isEqualTo(120.0);
  }

  @Test
  void theMinutesBudgetRefusesWithWhatWasUsed() {
    Instant start = Instant.parse("2026-07-15T02:00:00Z");
    SafetyLedger ledger = ledger(start, HANOI);
    DailyBudget budget = new DailyBudget(ledger, SPECS, HANOI);
    OutputLimits mistLimits = OutputLimits.defaultsFor(OutputKind.MIST_VALVE);
    SafetyLedger.Counters mist = ledger.of("mist");
    ledger.switchedOn(mist, start);
    ledger.switchedOff(mist, start.plus(Duration.ofMinutes(61)));

    assertThat(budget.refusal("mist", mistLimits, start.plus(Duration.ofMinutes(70))))
        .isEqualTo("mist has used its daily limit of 60 min today (61.0 min); it may run again tomorrow");
    assertThat(budget.litresToday("mist", start)).as("no flow rate, no litres").isZero();
    assertThat(budget.litres("mist", 5)).isNull();
    assertThat(budget.litres("pump", 5)).isEqualTo(60.0);
  }

  @Test
  void aNewZoneCountsItsOwnMidnightAndKeepsWhatTheDayUsed() {
    OutputLimits minutesOnly = new OutputLimits(Duration.ofHours(2), Duration.ZERO, 30.0, null, null, false);
    SafetyLedger ledger = ledger(LATE, HANOI);
    DailyBudget budget = new DailyBudget(ledger, SPECS, HANOI);
    SafetyLedger.Counters mist = ledger.of("mist");
    ledger.switchedOn(mist, LATE);
    ledger.switchedOff(mist, LATE.plus(Duration.ofMinutes(20)));

    // 16:50 UTC is 18:50 in Paris (UTC+2 in July), the same local date: the 20 min stay counted.
    Instant now = LATE.plus(Duration.ofMinutes(20));
    budget.zone(ZoneId.of("Europe/Paris"), now);
    assertThat(budget.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(budget.onTimeToday("mist", now)).isEqualTo(Duration.ofMinutes(20));
    ledger.switchedOn(mist, now);
    assertThat(budget.left("mist", minutesOnly, now)).as("Paris midnight is hours away; the budget is not")
        .isEqualTo(Duration.ofMinutes(10));
  }
}
