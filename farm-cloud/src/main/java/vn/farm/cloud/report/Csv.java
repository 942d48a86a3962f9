package vn.farm.cloud.report;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * CSV of the reports' records: one column per record component, in declaration order, with a header row; dates and
 * instants in ISO-8601, an empty field for an unknown value. UTF-8 with a byte-order mark, so a spreadsheet on a
 * Vietnamese Windows opens the diacritics right.
 */
public final class Csv {
  private static final CsvMapper MAPPER = CsvMapper.builder()
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();
  private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

  private Csv() {}

  /** Returns the header and rows schema of {@code type}. */
  public static CsvSchema schema(Class<?> type) {
    return MAPPER.schemaFor(type).withHeader();
  }

  /** Writes {@code rows} of {@code type} to {@code out}, which stays open. */
  public static <T> void write(OutputStream out, Class<T> type, List<T> rows) throws IOException {
    out.write(BOM);
    try (SequenceWriter w = MAPPER.writer(schema(type)).without(com.fasterxml.jackson.core.JsonGenerator.Feature
        .AUTO_CLOSE_TARGET).writeValues(out)) {
      w.writeAll(rows);
    }
  }
}
