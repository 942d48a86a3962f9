package vn.farm.cloud.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;

/**
 * Checks a request body record against its Bean Validation constraints at the point the resource chooses: after it
 * has decided that the caller may see and change what the request names, so that someone who may not gets the same
 * 404 or 403 whatever they sent. A failed check answers 400 naming the field ({@link ErrorMappers}).
 */
@ApplicationScoped
public class Bodies {
  @Inject
  Validator validator;

  /** Returns {@code body}; throws 400 when it is absent or breaks one of its record's constraints. */
  public <T> T valid(T body) {
    if (body == null) {
      throw ApiException.badField("(body)", null, "must be a JSON object");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(body);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return body;
  }
}
