package vn.farm.cloud.web;

import com.fasterxml.jackson.databind.JsonMappingException.Reference;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.RecordComponent;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps every failure to {@link ApiError}, so clients parse one shape whatever went wrong. */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response api(ApiException e) {
    Response r = json(e.status(), new ApiError(e.status(), e.error(), e.getMessage(), e.field()));
    return e.retryAfterS() < 0 ? r : Response.fromResponse(r).header("Retry-After", e.retryAfterS()).build();
  }

  /**
   * Answers a body that breaks its record's constraints ({@link Bodies}) as a 400 naming the field, the first one in
   * the record's order when several are at fault, as the hand-written checks did.
   */
  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException e) {
    ConstraintViolation<?> v = e.getConstraintViolations().stream()
        .min(Comparator.comparingInt(ErrorMappers::order).thenComparing(ErrorMappers::field)).orElseThrow();
    return api(ApiException.badField(field(v), v.getInvalidValue(), v.getMessage()));
  }

  /** Answers a body field of the wrong JSON type (text for a number, a fraction for a whole number) naming it. */
  @ServerExceptionMapper
  public Response mismatched(MismatchedInputException e) {
    String field = e.getPath().stream().map(Reference::getFieldName).filter(n -> n != null)
        .collect(Collectors.joining("."));
    Object value = e instanceof InvalidFormatException f ? f.getValue() : null;
    if (field.isEmpty()) {
      return api(ApiException.badField("(body)", value, "must be a JSON object"));
    }
    return api(ApiException.badField(field, value, expected(e.getTargetType())));
  }

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String message = status == 400 ? "the request body is not valid JSON for this endpoint" : e.getMessage();
    return json(status, new ApiError(status, Response.Status.fromStatusCode(status) == null ? "error"
        : Response.Status.fromStatusCode(status).name().toLowerCase(Locale.ROOT), message, null));
  }

  @ServerExceptionMapper
  public Response unauthenticated(io.quarkus.security.UnauthorizedException e) {
    return json(401, new ApiError(401, "unauthenticated", "log in first", null));
  }

  @ServerExceptionMapper
  public Response sessionEnded(io.quarkus.security.AuthenticationFailedException e) {
    return json(401, new ApiError(401, "unauthenticated", "the session has ended; log in again", null));
  }

  @ServerExceptionMapper
  public Response forbidden(io.quarkus.security.ForbiddenException e) {
    return json(403, new ApiError(403, "forbidden", "your role does not allow this", null));
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    LOG.error("Unexpected failure while serving a request", e);
    return json(500, new ApiError(500, "internal_error", "the server failed; the error is logged", null));
  }

  private static Response json(int status, ApiError body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body).build();
  }

  private static String field(ConstraintViolation<?> v) {
    String field = null;
    for (Path.Node node : v.getPropertyPath()) {
      if (node.getKind() == ElementKind.PROPERTY) {
        field = field == null ? node.getName() : field + "." + node.getName();
      }
    }
    return field == null ? "(body)" : field;
  }

  /** Returns the place of the violated field among its record's components, so the first one is reported. */
  private static int order(ConstraintViolation<?> v) {
    Object bean = v.getLeafBean();
    if (bean == null || !bean.getClass().isRecord()) {
      return Integer.MAX_VALUE;
    }
    String name = null;
    for (Path.Node node : v.getPropertyPath()) {
      name = node.getKind() == ElementKind.PROPERTY ? node.getName() : name;
    }
    RecordComponent[] components = bean.getClass().getRecordComponents();
    for (int i = 0; i < components.length; i++) {
      if (components[i].getName().equals(name)) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "has the wrong type";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "must be a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class) {
      return "must be a number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "must be true or false";
    }
    if (type == LocalDate.class) {
      return "must be a date written YYYY-MM-DD";
    }
    if (type == LocalTime.class) {
      return "must be a local time written HH:MM";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "must be a list";
    }
    return type == String.class ? "must be a string" : "has the wrong type";
  }
}
