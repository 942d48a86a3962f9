package vn.farm.cloud.db;

import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * Hands out the Hibernate session of the persistence unit over the active database, as {@link Database} hands out
 * its data source: the build holds one unit per data source over the same entities, and the profile activates one.
 * Use it inside {@code @Transactional} methods only, and never call a {@link Jdbc} store from those (a connection
 * enlisted in the transaction cannot be committed by hand).
 */
@ApplicationScoped
public class Sessions {
  @Inject
  Database database;

  @Inject
  InjectableInstance<Session> h2;

  @Inject
  @io.quarkus.hibernate.orm.PersistenceUnit("postgresql")
  InjectableInstance<Session> postgresql;

  /** Returns the session of the active persistence unit, bound to the current transaction. */
  public Session get() {
    return database.isH2() ? h2.get() : postgresql.get();
  }

  /**
   * Returns {@code e} as a {@link StoreException} when a database statement caused it (so that callers see unique
   * violations as they do from {@link Jdbc}), else {@code e} itself.
   */
  public static RuntimeException translate(PersistenceException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return new StoreException(s);
      }
    }
    return e;
  }
}
