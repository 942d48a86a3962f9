package vn.farm.cloud.command;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.farm.cloud.command.CommandStore.CommandRow;
import vn.farm.cloud.web.Access;
import vn.farm.cloud.web.ApiException;
import vn.farm.cloud.web.CurrentCaller;

/** One command and where it is in its lifecycle. */
@Path("/api/commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {
  @Inject
  CommandStore commands;
  @Inject
  Access access;
  @Inject
  CurrentCaller current;

  /** Answers 404 both for an unknown command and for one sent to a device the caller does not see. */
  @GET
  @Path("{commandId}")
  @Authenticated
  public CommandRow get(@PathParam("commandId") String commandId) {
    CommandRow row = commands.find(commandId).orElseThrow(() -> ApiException.notFound("command " + commandId));
    try {
      access.device(current.get(), row.deviceId(), false);
    } catch (ApiException e) {
      throw ApiException.notFound("command " + commandId);
    }
    return row;
  }
}
