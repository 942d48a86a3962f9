package vn.farm.edge.safety;

import vn.farm.contract.Event;

/**
 * Why a running output has to be switched off now, as the part of the safety layer that found it says it: the
 * trip's type (the event is {@code safety.{type}}, the cause {@code safety:{type}}), the words for people, and what
 * the event is about.
 */
record Trip(String type, String why, Event.About about) {}
