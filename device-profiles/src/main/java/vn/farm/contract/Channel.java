package vn.farm.contract;

import java.util.Locale;

/** The channels of the MQTT contract, each the last level of {@code farm/v1/{deviceId}/{channel}}. */
public enum Channel {
  TELEMETRY(Telemetry.class, false),
  STATE(State.class, true),
  EVENTS(Event.class, false),
  STATUS(Status.class, true),
  COMMANDS(Command.class, false),
  ACKS(Ack.class, false),
  CONFIG(DeviceConfig.class, true),
  RECEIPTS(Receipt.class, false);

  private final Class<? extends Message> messageType;
  private final boolean retained;

  Channel(Class<? extends Message> messageType, boolean retained) {
    this.messageType = messageType;
    this.retained = retained;
  }

  /** Returns the topic level name, for example {@code telemetry}. */
  public String level() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the record type carried on this channel. */
  public Class<? extends Message> messageType() {
    return messageType;
  }

  /** Returns true when messages on this channel are published retained. */
  public boolean retained() {
    return retained;
  }

  /** Returns the channel for a topic level, or throws naming the unknown level. */
  public static Channel ofLevel(String level) {
    for (Channel c : values()) {
      if (c.level().equals(level)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown channel '" + level + "'");
  }

  /** Returns the channel that carries {@code type}, or throws when no channel does. */
  public static Channel carrying(Class<?> type) {
    for (Channel c : values()) {
      if (c.messageType == type) {
        return c;
      }
    }
    throw new IllegalArgumentException(type.getName() + " is not a message of the contract");
  }
}
