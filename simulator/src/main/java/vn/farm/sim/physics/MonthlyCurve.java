package vn.farm.sim.physics;

/**
 * A smooth year-round curve through twelve monthly means: linear between mid-month nodes, with the node values
 * adjusted so that the mean of the curve over each month equals that month's value (plain interpolation through
 * the means would shave the peaks of July and January). Months are treated as twelfths of the year. Immutable.
 */
final class MonthlyCurve {
  private final double[] nodes = new double[12];

  MonthlyCurve(double[] monthlyMeans) {
    System.arraycopy(monthlyMeans, 0, nodes, 0, 12);
    // The mean over month m of the linear curve is (n[m-1] + 6 n[m] + n[m+1]) / 8; solve for n by fixed-point
    // iteration, which converges because that operator's eigenvalues lie in [0.5, 1].
    for (int iteration = 0; iteration < 60; iteration++) {
      double[] next = new double[12];
      for (int m = 0; m < 12; m++) {
        double mean = (nodes[(m + 11) % 12] + 6 * nodes[m] + nodes[(m + 1) % 12]) / 8;
        next[m] = nodes[m] + monthlyMeans[m] - mean;
      }
      System.arraycopy(next, 0, nodes, 0, 12);
    }
  }

  /** Returns the curve at {@code monthPosition}: months since 1 January, 0 to 12, wrapping around. */
  double at(double monthPosition) {
    double x = monthPosition - 0.5;
    int i = (int) Math.floor(x);
    double f = x - i;
    return nodes[Math.floorMod(i, 12)] * (1 - f) + nodes[Math.floorMod(i + 1, 12)] * f;
  }
}
