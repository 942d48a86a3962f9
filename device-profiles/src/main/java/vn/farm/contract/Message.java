package vn.farm.contract;

/**
 * One message of the contract, what a topic's channel carries ({@link Channel#messageType()}): publishing takes one
 * of these, so what is sent is a message the contract knows, checked when the code is compiled.
 */
public sealed interface Message permits Telemetry, Event, State, Status, Ack, Command, DeviceConfig, Receipt {}
