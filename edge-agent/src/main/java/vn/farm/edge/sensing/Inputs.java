package vn.farm.edge.sensing;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.farm.profile.BoardProfile;
import vn.farm.profile.BoardProfile.InputSpec;

/** Builds the drivers for every input of a board profile: the only place chips are matched to drivers. */
public final class Inputs {
  private Inputs() {}

  /**
   * Returns one {@link Input} per input of {@code board}, in profile order. Soil probes on the same ADS1115 share
   * one driver. Nothing is opened yet: a missing chip shows up as a {@link SensorFailure} when it is read.
   */
  public static List<Input> fromBoard(BoardProfile board, Context pi4j, Path w1Root, Sleeper sleeper) {
    Map<Integer, Ads1115> adcs = new HashMap<>();
    List<Input> inputs = new ArrayList<>();
    for (InputSpec spec : board.inputs()) {
      switch (spec.chip()) {
        case ADS1115 -> {
          Ads1115 adc = adcs.computeIfAbsent(spec.i2cAddress(), a -> new Ads1115(new I2cDevice(pi4j, board.i2cBus(), a,
              "ads1115"), sleeper));
          inputs.add(new SoilProbeInput(spec.id(), adc, spec.channel(), spec.calibration()));
        }
        case SHT31 -> inputs.add(new Sht31(spec.id(),
            new I2cDevice(pi4j, board.i2cBus(), spec.i2cAddress(), "sht31"), sleeper));
        case BH1750 -> inputs.add(new Bh1750(spec.id(),
            new I2cDevice(pi4j, board.i2cBus(), spec.i2cAddress(), "bh1750"), sleeper, Bh1750.GREENHOUSE_MT));
        case DS18B20 -> inputs.add(new Ds18b20(spec.id(), w1Root, spec.w1Device(), sleeper));
      }
    }
    return List.copyOf(inputs);
  }
}
