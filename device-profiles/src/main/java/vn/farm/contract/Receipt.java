package vn.farm.contract;

/** Tells a device that every telemetry and event {@code seq} up to {@code upToSeq} is stored durably. */
public record Receipt(long upToSeq) {}
