package vn.farm.cloud.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * CSV of the reports' records: one column per record component, in declaration order, with a header row; dates and
 * instants in ISO-8601, an empty field for an unknown value. UTF-8 with a byte-order mark, so a spreadsheet on a
 * Vietnamese Windows opens the diacritics right. Text that a spreadsheet would take for a formula is written so that
 * it shows as text ({@link #cell}); numbers are written as they are.
 */
public final class Csv {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .addModule(new JavaTimeModule())
      .addModule(new SimpleModule("text-cells").addSerializer(String.class, new TextCell()))
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
  /** What a spreadsheet starts a formula with (OWASP, "CSV Injection"); tab and CR for the same reason. */
  private static final String FORMULA_STARTS = "=+-@\t\r";

  private Csv() {}

  /** Returns the header and rows schema of {@code type}. */
  public static CsvSchema schema(Class<?> type) {
    return MAPPER.schemaFor(type).withHeader();
  }

  /** Writes {@code rows} of {@code type} to {@code out}, which stays open. */
  public static <T> void write(OutputStream out, Class<T> type, List<T> rows) throws IOException {
    out.write(BOM);
    try (SequenceWriter w = MAPPER.writer(schema(type)).without(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
        .writeValues(out)) {
      w.writeAll(rows);
    }
  }

  /**
   * Returns a text cell as a spreadsheet will show it without running it: text that starts like a formula (a
   * greenhouse named {@code =HYPERLINK(…)}, a variety {@code -2+3}) gets a leading {@code '}, which spreadsheets
   * take as "this is text". Only for text people or devices wrote; never for a number the cloud writes, whose
   * minus sign must stay.
   */
  public static String cell(String text) {
    return text == null || text.isEmpty() || FORMULA_STARTS.indexOf(text.charAt(0)) < 0 ? text : "'" + text;
  }

  /** Writes every text component of a record through {@link #cell}; numbers, dates and flags have their own. */
  private static final class TextCell extends StdSerializer<String> {
    TextCell() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator gen, SerializerProvider provider) throws IOException {
      gen.writeString(cell(value));
    }
  }
}
