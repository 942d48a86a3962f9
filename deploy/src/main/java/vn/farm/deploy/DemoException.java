package vn.farm.deploy;

/** A problem the person running the demo can fix; its message is printed as one line. */
public final class DemoException extends RuntimeException {
  DemoException(String message) {
    super(message);
  }
}
