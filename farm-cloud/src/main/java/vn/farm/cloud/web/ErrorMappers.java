package vn.farm.cloud.web;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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

  @ServerExceptionMapper
  public Response web(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    String message = status == 400 ? "the request body is not valid JSON for this endpoint" : e.getMessage();
    return json(status, new ApiError(status, Response.Status.fromStatusCode(status) == null ? "error"
        : Response.Status.fromStatusCode(status).name().toLowerCase(), message, null));
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
}
