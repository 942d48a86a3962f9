package vn.farm.sim.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.farm.contract.ActuatorState;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.edge.sensing.Sample;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;
import vn.farm.profile.BoardProfile.OutputSpec;
import vn.farm.sim.FarmSampleListener;

/**
 * Writes the samples of a simulation as CSV (RFC 4180, UTF-8, {@code \n} line ends), one row per sample:
 * <ul>
 *   <li>{@code time}: when the agent took the sample, ISO-8601 UTC;
 *   <li>{@code device}: the greenhouse's device id, only when the trace holds several greenhouses;
 *   <li>one column per input quantity of the board profile, in profile order, named {@code {input}.{quantity}}
 *       ({@code soil-1.soil_moisture}, {@code air.air_temperature}, {@code air.air_humidity}, {@code air.vpd} (the
 *       agent's derived VPD), {@code light.light}, …): the value the agent read through its driver, in the
 *       quantity's unit, blank when the input failed;
 *   <li>one column per output ({@code pump}, {@code fan}, …): {@code 1} when its pin read back on right after the
 *       sample, {@code 0} when off.
 * </ul>
 * Numbers are written in full precision ({@link Double#toString(double)}). A write error stops the trace and is
 * thrown by {@link #close()}, so a full disk never floods the agents' log. Thread-safe.
 */
public final class TraceWriter implements FarmSampleListener, AutoCloseable {
  private final Path file;
  private final Writer out;
  private final boolean deviceColumn;
  private final Map<String, Map<Quantity, Integer>> columns = new HashMap<>();
  private final List<String> outputs = new ArrayList<>();
  private final double[] values;
  private final StringBuilder row = new StringBuilder(256);
  private long rows;
  private IOException failure;

  private TraceWriter(Path file, Writer out, BoardProfile board, boolean deviceColumn) throws IOException {
    this.file = file;
    this.out = out;
    this.deviceColumn = deviceColumn;
    List<String> header = new ArrayList<>();
    header.add("time");
    if (deviceColumn) {
      header.add("device");
    }
    int column = 0;
    for (InputSpec in : board.inputs()) {
      List<Quantity> quantities = new ArrayList<>(in.chip().quantities());
      if (quantities.contains(Quantity.AIR_TEMPERATURE) && quantities.contains(Quantity.AIR_HUMIDITY)) {
        quantities.add(Quantity.VPD);
      }
      Map<Quantity, Integer> byQuantity = columns.computeIfAbsent(in.id(), id -> new EnumMap<>(Quantity.class));
      for (Quantity q : quantities) {
        byQuantity.put(q, column++);
        header.add(in.id() + "." + q.wireName());
      }
    }
    for (OutputSpec o : board.outputs()) {
      outputs.add(o.id());
      header.add(o.id());
    }
    this.values = new double[column];
    out.write(String.join(",", header));
    out.write('\n');
  }

  /** Creates (or replaces) {@code file} and writes the header for {@code board}. */
  public static TraceWriter open(Path file, BoardProfile board, boolean deviceColumn) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      return new TraceWriter(file, Files.newBufferedWriter(file, StandardCharsets.UTF_8), board, deviceColumn);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the trace " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void sampled(String deviceId, Sample sample, Map<String, ActuatorState> states) {
    if (failure != null) {
      return;
    }
    Arrays.fill(values, Double.NaN);
    for (Reading r : sample.readings()) {
      Map<Quantity, Integer> byQuantity = columns.get(r.sensor());
      Integer column = byQuantity == null ? null : byQuantity.get(r.quantity());
      if (column != null) {
        values[column] = r.value();
      }
    }
    row.setLength(0);
    row.append(sample.at());
    if (deviceColumn) {
      row.append(',').append(deviceId);
    }
    for (double v : values) {
      row.append(',');
      if (!Double.isNaN(v)) {
        row.append(v);
      }
    }
    for (String id : outputs) {
      ActuatorState state = states.get(id);
      row.append(',').append(state == null ? "" : state.on() ? "1" : "0");
    }
    row.append('\n');
    try {
      out.append(row);
      rows++;
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Returns how many rows have been written, header not counted. */
  public synchronized long rows() {
    return rows;
  }

  /** Flushes and closes the file; throws when any write failed. */
  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      failure = failure == null ? e : failure;
    }
    if (failure != null) {
      throw new UncheckedIOException("the trace " + file + " is incomplete: " + failure.getMessage(), failure);
    }
  }
}
