package vn.farm.profile;

import java.util.List;

/** A profile that cannot be used, with every problem found, each naming the field and the bad value. */
public class ProfileException extends RuntimeException {
  private final List<String> problems;

  public ProfileException(String source, List<String> problems) {
    super(source + " is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns each problem found, such as {@code inputs[1].address: '0x99' is not an address of sht31}. */
  public List<String> problems() {
    return problems;
  }
}
