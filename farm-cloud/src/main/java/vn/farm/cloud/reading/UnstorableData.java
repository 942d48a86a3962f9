package vn.farm.cloud.reading;

/** A message the cloud will not store for what it holds, found by the cloud's own checks rather than the database. */
public class UnstorableData extends RuntimeException {
  public UnstorableData(String problem) {
    super(problem);
  }
}
