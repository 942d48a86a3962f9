package vn.farm.cloud.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Refuses a fraction where a request body wants a whole number (an id, a count of minutes) instead of silently
 * cutting it, so that {@code "zoneId": 1.5} answers 400 naming the field rather than picking zone 1.
 */
@Singleton
public class StrictNumbers implements ObjectMapperCustomizer {
  @Override
  public void customize(ObjectMapper mapper) {
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }
}
