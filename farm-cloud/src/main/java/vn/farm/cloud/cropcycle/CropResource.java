package vn.farm.cloud.cropcycle;

import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The crop profiles a crop cycle can name, with their stages, in Vietnamese and English. */
@Path("/api/crops")
@Produces(MediaType.APPLICATION_JSON)
public class CropResource {
  @Inject
  CropViews views;

  @GET
  @Authenticated
  public List<CropViews.CropView> list() {
    return views.crops();
  }
}
