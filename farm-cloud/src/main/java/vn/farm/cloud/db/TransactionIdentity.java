package vn.farm.cloud.db;

import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.internal.arjuna.utils.UuidProcessId;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Keeps the transaction manager (Narayana, behind the Hibernate stores' {@code @Transactional}) from opening a port.
 * Its transaction ids carry an id of the process, which by default is the number of a loopback server socket that
 * it opens at the first transaction and holds until the process ends: a listening port nobody asked for, which the
 * cloud must not have (with an external broker it listens on its HTTP port only, as {@code .ci/external-broker-smoke}
 * checks). A random UUID identifies the process as well and opens nothing. Set before any observer that may begin
 * a transaction.
 */
@ApplicationScoped
class TransactionIdentity {
  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    arjPropertyManager.getCoreEnvironmentBean().setProcessImplementation(new UuidProcessId());
  }
}
