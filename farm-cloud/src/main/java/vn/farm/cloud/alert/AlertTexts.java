package vn.farm.cloud.alert;

import java.text.NumberFormat;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import vn.farm.contract.Quantity;

/** What an alert says, in Vietnamese and in English: short enough for one SMS, starting with the greenhouse. */
final class AlertTexts {
  /** A text in both languages. */
  record Text(String vi, String en) {}

  private static final Locale VI = Locale.forLanguageTag("vi-VN");
  private static final Map<Quantity, Text> QUANTITIES = Map.of(
      Quantity.SOIL_MOISTURE, new Text("Độ ẩm đất", "Soil moisture"),
      Quantity.AIR_TEMPERATURE, new Text("Nhiệt độ không khí", "Air temperature"),
      Quantity.AIR_HUMIDITY, new Text("Độ ẩm không khí", "Air humidity"),
      Quantity.LIGHT, new Text("Ánh sáng", "Light"),
      Quantity.SOIL_TEMPERATURE, new Text("Nhiệt độ đất", "Soil temperature"),
      Quantity.VPD, new Text("VPD", "VPD"));

  private AlertTexts() {}

  static Text band(String greenhouse, Quantity q, String sensor, double value, Double min, Double max,
      int forMinutes) {
    Text name = QUANTITIES.get(q);
    String vi = greenhouse + ": " + name.vi() + " (" + sensor + ") " + number(value, VI) + " " + q.unit() + ", "
        + range(min, max, VI, "dưới", "trên") + " " + q.unit() + (forMinutes > 0 ? " đã " + forMinutes + " phút" : "");
    String en = greenhouse + ": " + name.en() + " (" + sensor + ") " + number(value, Locale.UK) + " " + q.unit()
        + ", " + range(min, max, Locale.UK, "below", "above") + " " + q.unit()
        + (forMinutes > 0 ? " for " + forMinutes + " min" : "");
    return new Text(vi, en);
  }

  static Text offline(String greenhouse, String deviceId, Duration silent) {
    long minutes = silent.toMinutes();
    return new Text(greenhouse + ": bộ điều khiển " + deviceId + " mất kết nối " + minutes + " phút",
        greenhouse + ": controller " + deviceId + " not heard from for " + minutes + " min");
  }

  static Text sensorFault(String greenhouse, String input, String detail) {
    return new Text(greenhouse + ": cảm biến " + input + " bị lỗi (" + detail + ")",
        greenhouse + ": sensor " + input + " failed (" + detail + ")");
  }

  static Text safetyTrip(String greenhouse, String type, String detail) {
    return new Text(greenhouse + ": lớp an toàn can thiệp (" + type + "): " + detail,
        greenhouse + ": the safety layer stepped in (" + type + "): " + detail);
  }

  static Text refused(String greenhouse, String output, String action, String reason) {
    return new Text(greenhouse + ": thiết bị từ chối lệnh " + action + " " + output + ": " + reason,
        greenhouse + ": the controller refused " + action + " " + output + ": " + reason);
  }

  /** Returns the text of a message that an alert has cleared. */
  static String cleared(String text, String lang) {
    return ("vi".equals(lang) ? "Đã hết: " : "Cleared: ") + text;
  }

  private static String range(Double min, Double max, Locale locale, String below, String above) {
    if (min != null && max != null) {
      return ("vi".equals(locale.getLanguage()) ? "ngoài khoảng " : "outside ") + number(min, locale) + "–"
          + number(max, locale);
    }
    return min != null ? below + " " + number(min, locale) : above + " " + number(max, locale);
  }

  private static String number(double v, Locale locale) {
    NumberFormat f = NumberFormat.getNumberInstance(locale);
    f.setMaximumFractionDigits(Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
    return f.format(v);
  }
}
