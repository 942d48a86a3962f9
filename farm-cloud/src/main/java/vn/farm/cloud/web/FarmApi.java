package vn.farm.cloud.web;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Describes the API for OpenAPI and Swagger UI: the session token from {@code POST /api/session} goes in as a
 * Bearer token (browsers send the same session as the {@code farm_session} cookie).
 */
@OpenAPIDefinition(info = @Info(title = "Farm cloud API", version = "1",
    description = "Greenhouses, devices, readings and commands of farming cooperatives. Log in with POST "
        + "/api/session and authorize with its token. Who may call each endpoint: docs/people.md."))
@SecurityScheme(securitySchemeName = FarmApi.SESSION, type = SecuritySchemeType.HTTP, scheme = "bearer",
    description = "the token answered by POST /api/session")
public class FarmApi extends Application {
  /** Name of the security scheme every secured endpoint requires. */
  public static final String SESSION = "session";
}
