package vn.farm.cloud.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import vn.farm.cloud.device.DeviceStore;
import vn.farm.cloud.device.DeviceStore.DeviceRow;
import vn.farm.cloud.greenhouse.GreenhouseStore;
import vn.farm.cloud.greenhouse.GreenhouseStore.GreenhouseRow;
import vn.farm.cloud.people.CooperativeStore;
import vn.farm.cloud.people.Caller;
import vn.farm.cloud.people.Role;
import vn.farm.contract.DeviceId;

/**
 * Decides what a caller may see and change, greenhouse by greenhouse. Something the caller may not see answers
 * exactly as something that does not exist (404), so a refusal tells nothing; something they see but may not
 * change answers 403.
 *
 * <ul>
 *   <li>admin: everything;</li>
 *   <li>manager: the greenhouses of their cooperative, to read, control and manage;</li>
 *   <li>farmer: the greenhouses assigned to them, to read and control;</li>
 *   <li>officer: the greenhouses of the cooperatives in their province (or district), to read.</li>
 * </ul>
 */
@ApplicationScoped
public class Access {
  @Inject
  GreenhouseStore greenhouses;
  @Inject
  DeviceStore devices;
  @Inject
  CooperativeStore cooperatives;

  /** A condition over greenhouse alias {@code g} selecting what a caller sees, with its parameters. */
  public record Scope(String where, Object... params) {}

  /** Returns the condition selecting the greenhouses {@code caller} sees. */
  public Scope scope(Caller caller) {
    return switch (caller.role()) {
      case ADMIN -> new Scope("1 = 1");
      case MANAGER -> new Scope("g.cooperative_id = ?", caller.cooperativeId());
      case FARMER -> new Scope("g.id IN (SELECT greenhouse_id FROM greenhouse_farmer WHERE user_id = ?)",
          caller.userId());
      case OFFICER -> new Scope("g.cooperative_id IN (SELECT id FROM cooperative WHERE province = ? AND "
          + "(CAST(? AS VARCHAR(120)) IS NULL OR district = ?))", caller.province(), caller.district(),
          caller.district());
    };
  }

  /** Returns every greenhouse {@code caller} sees. */
  public List<GreenhouseRow> greenhouses(Caller caller) {
    Scope s = scope(caller);
    return greenhouses.where(s.where(), s.params());
  }

  /** Returns the greenhouse if {@code caller} sees it, else throws 404. */
  public GreenhouseRow read(Caller caller, long greenhouseId) {
    Scope s = scope(caller);
    Object[] params = new Object[s.params().length + 1];
    System.arraycopy(s.params(), 0, params, 0, s.params().length);
    params[s.params().length] = greenhouseId;
    return greenhouses.where("(" + s.where() + ") AND g.id = ?", params).stream().findFirst()
        .orElseThrow(() -> ApiException.notFound("greenhouse " + greenhouseId));
  }

  /** Returns the greenhouse if {@code caller} may switch its outputs: 404 when unseen, 403 for read-only roles. */
  public GreenhouseRow control(Caller caller, long greenhouseId) {
    GreenhouseRow g = read(caller, greenhouseId);
    if (caller.role() == Role.OFFICER) {
      throw ApiException.forbidden("extension officers read greenhouses; they do not control them");
    }
    return g;
  }

  /** Returns the greenhouse if {@code caller} may change its set-up: admins, and managers of its cooperative. */
  public GreenhouseRow manage(Caller caller, long greenhouseId) {
    GreenhouseRow g = read(caller, greenhouseId);
    if (caller.role() != Role.ADMIN && caller.role() != Role.MANAGER) {
      throw ApiException.forbidden("only the cooperative's manager changes a greenhouse's set-up");
    }
    return g;
  }

  /** Throws unless {@code caller} manages cooperative {@code cooperativeId}: 404 if it is not theirs to see. */
  public void manageCooperative(Caller caller, long cooperativeId) {
    if (caller.role() == Role.ADMIN
        || caller.role() == Role.MANAGER && caller.cooperativeId() != null && caller.cooperativeId() == cooperativeId) {
      return;
    }
    if (caller.cooperativeId() != null && caller.cooperativeId() == cooperativeId) {
      throw ApiException.forbidden("only the cooperative's manager does this");
    }
    throw ApiException.notFound("cooperative " + cooperativeId);
  }

  /**
   * Returns the cooperative something new belongs to, {@code asked} in a request made by {@code caller}: a manager's
   * own (naming another is refused), or for an administrator the one asked for, which must exist. {@code what} says
   * what is being set up, for the refusal ("greenhouses", "alerts").
   */
  public long cooperativeFor(Caller caller, Long asked, String what) {
    if (caller.role() == Role.MANAGER) {
      if (asked != null && !asked.equals(caller.cooperativeId())) {
        throw ApiException.badField("cooperativeId", asked, "a manager sets up " + what + " of their own cooperative");
      }
      return caller.cooperativeId();
    }
    if (asked == null) {
      throw ApiException.badField("cooperativeId", null, "name the cooperative the " + what + " belong to");
    }
    if (cooperatives.find(asked).isEmpty()) {
      throw ApiException.badField("cooperativeId", asked, "no such cooperative");
    }
    return asked;
  }

  /**
   * Returns the device if {@code caller} sees the greenhouse it serves (with {@code forControl}: may control it).
   * A device not serving any greenhouse yet is seen by administrators only.
   */
  public DeviceRow device(Caller caller, String deviceId, boolean forControl) {
    if (!DeviceId.isValid(deviceId)) {
      throw ApiException.badField("deviceId", deviceId, "lowercase letters, digits and '-'");
    }
    DeviceRow d = devices.find(deviceId).orElseThrow(() -> ApiException.notFound("device " + deviceId));
    if (d.greenhouseId() == null) {
      if (caller.role() != Role.ADMIN) {
        throw ApiException.notFound("device " + deviceId);
      }
      return d;
    }
    try {
      if (forControl) {
        control(caller, d.greenhouseId());
      } else {
        read(caller, d.greenhouseId());
      }
    } catch (ApiException e) {
      throw e.status() == 404 ? ApiException.notFound("device " + deviceId) : e;
    }
    return d;
  }
}
