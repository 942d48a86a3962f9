package vn.farm.contract;

import java.time.Instant;

/** The device's answer to one command; {@code reason} explains a refusal or expiry. */
public record Ack(String commandId, AckStatus status, String reason, Instant at) implements Message {}
