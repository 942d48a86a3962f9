package vn.farm.contract;

import java.time.Instant;

/** Whether an output is on, since when, and why ({@code rule:…}, {@code command:…}, {@code startup}, …). */
public record ActuatorState(boolean on, Instant since, String cause) {}
