package vn.farm.cloud.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import vn.farm.cloud.store.CommandStore;
import vn.farm.cloud.store.CommandStore.CommandRow;

/** One command and where it is in its lifecycle. */
@Path("/api/commands")
@Produces(MediaType.APPLICATION_JSON)
public class CommandResource {
  @Inject CommandStore commands;

  @GET
  @Path("{commandId}")
  public CommandRow get(@PathParam("commandId") String commandId) {
    return commands.find(commandId).orElseThrow(() -> ApiException.notFound("command " + commandId));
  }
}
