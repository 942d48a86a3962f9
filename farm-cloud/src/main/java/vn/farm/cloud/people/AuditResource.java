package vn.farm.cloud.people;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import vn.farm.cloud.people.AuditLog.Entry;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;

/** The audit log, newest first: administrators read all of it, managers their cooperative's entries. */
@Path("/api/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  @Inject
  AuditLog audit;
  @Inject
  CurrentCaller current;

  /** A page of entries, and the id to pass as {@code before} for the next (older) page; null at the end. */
  public record AuditPage(List<Entry> entries, Long next) {}

  @GET
  @RolesAllowed({Role.ADMIN_NAME, Role.MANAGER_NAME})
  public AuditPage list(@QueryParam("before") @DefaultValue("9223372036854775807") long before,
      @QueryParam("limit") @DefaultValue("50") int limit) {
    if (limit < 1 || limit > 500) {
      throw ApiException.badField("limit", limit, "must be 1-500");
    }
    Caller caller = current.get();
    List<Entry> rows = audit.page(caller.role() == Role.ADMIN ? null : caller.cooperativeId(), before, limit + 1);
    boolean more = rows.size() > limit;
    List<Entry> page = rows.stream().limit(limit).toList();
    return new AuditPage(page, more ? page.get(page.size() - 1).id() : null);
  }
}
