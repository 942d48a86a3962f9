package vn.farm.edge.control;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import vn.farm.agronomy.InsideClimate;
import vn.farm.contract.Quantity;
import vn.farm.contract.Reading;
import vn.farm.edge.sensing.Sample;

/**
 * What the rules need integrated over time from the inside climate: the crop's evapotranspiration of the last 24
 * hours and today's daily light integral.
 *
 * <p>ETc = Kc × ET0, ET0 by {@link InsideClimate#et0MmPerHour} (the same code the cloud's season reports use) on
 * each sample, with the fan's air speed while a fan runs. A sample whose light, temperature or humidity failed (a
 * saturated light sensor, say) adds no ETc: the irrigation rule's factor leaves room for such gaps. Over the site's
 * area, 1 mm is one litre per m². The light integral counts {@link InsideClimate#PPFD_PER_LUX} µmol/(m²·s) of
 * photosynthetic photons per lux (sunlight), lamps included as the sensor sees them, from local midnight. A gap between
 * samples longer than {@value #MAX_GAP_S} s counts only that long. Not thread-safe.
 */
final class ClimateMeters {
  static final long MAX_GAP_S = 600;

  private final HourlyRing etcLitres = new HourlyRing();
  private Instant last;
  private LocalDate dliDay;
  private double dliMol;

  /** Integrates the interval since the previous sample with the readings of {@code sample}. */
  void update(Sample sample, ControlConfig config, boolean fanRunning) {
    Instant now = sample.at();
    ZonedDateTime local = now.atZone(config.site().zone());
    if (!local.toLocalDate().equals(dliDay)) {
      dliDay = local.toLocalDate();
      dliMol = 0;
    }
    double dtS = last == null ? 0 : Math.min(MAX_GAP_S, Math.max(0, Duration.between(last, now).toMillis() / 1000.0));
    last = now;
    if (dtS == 0) {
      return;
    }
    double t = Double.NaN;
    double rh = Double.NaN;
    double lux = Double.NaN;
    for (Reading r : sample.readings()) {
      if (r.quantity() == Quantity.AIR_TEMPERATURE && Double.isNaN(t)) {
        t = r.value();
      } else if (r.quantity() == Quantity.AIR_HUMIDITY && Double.isNaN(rh)) {
        rh = r.value();
      } else if (r.quantity() == Quantity.LIGHT && Double.isNaN(lux)) {
        lux = r.value();
      }
    }
    if (!Double.isNaN(lux)) {
      dliMol += lux * InsideClimate.PPFD_PER_LUX * dtS / 1e6;
    }
    if (config.crop() == null || config.site().areaM2() <= 0 || Double.isNaN(t) || Double.isNaN(rh)
        || Double.isNaN(lux)) {
      return;
    }
    double et0MmPerH = InsideClimate.et0MmPerHour(t, rh, lux,
        fanRunning ? InsideClimate.FAN_AIR_MPS : InsideClimate.STILL_AIR_MPS, config.site().altitudeM());
    double kc = config.kcOn(local.toLocalDate());
    etcLitres.add(now, et0MmPerH * kc * dtS / 3600 * config.site().areaM2());
  }

  /** Returns the crop's evapotranspiration of the last 24 hours over the site's area, litres. */
  double etcLast24hLitres(Instant now) {
    return etcLitres.last24h(now);
  }

  /** Returns today's daily light integral so far, mol/m². */
  double dliTodayMol() {
    return dliMol;
  }
}
