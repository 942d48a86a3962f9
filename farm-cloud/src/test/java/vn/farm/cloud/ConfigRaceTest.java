package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.config.ConfigService;
import vn.farm.cloud.config.ConfigService.Desired;
import vn.farm.cloud.config.ConfigStore;
import vn.farm.cloud.config.ConfigStore.Stored;

/**
 * Two people setting the same device's configuration at the same moment: never are two configurations stored or
 * published under one version; the one who came second is turned away with 409 on {@code version}.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class ConfigRaceTest {
  static final String RULES = "{\"rules\":[]}";
  static long house;

  @Inject
  ConfigStore store;
  @Inject
  ConfigService configs;
  @Inject
  UserTransaction transaction;

  @BeforeEach
  void aGreenhouseWithTwoManagers() {
    if (house != 0) {
      return;
    }
    long coop = Api.cooperative("HTX Rau Đà Lạt", "Lâm Đồng", "Đà Lạt");
    house = Api.greenhouse(coop, "Nhà kính số 3", "config-race-1");
    Api.user("config-manager-a", "manager", coop, null);
    Api.user("config-manager-b", "manager", coop, null);
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  @Test
  void ofTwoConfigurationsSentAtOnceNeitherIsStoredUnderTheOthersVersion() throws Exception {
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (String who : List.of("config-manager-a", "config-manager-b")) {
        RequestSpecification request = as(who).body(RULES);
        sent.add(both.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return request.when().put("/api/devices/config-race-1/config");
        }));
      }
      List<Response> answers = new ArrayList<>();
      for (Future<Response> f : sent) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      // Served one after the other, both are stored, the second as the next version; at once, one answers 409.
      assertThat(answers).extracting(Response::statusCode).containsAnyOf(200).allMatch(s -> s == 200 || s == 409);
      answers.stream().filter(r -> r.statusCode() == 409)
          .forEach(lost -> assertThat(lost.jsonPath().getString("field")).isEqualTo("version"));
      // Each answer shows what is stored once it is served, so two served one after the other may both show the
      // second; what matters is that every accepted configuration got a version of its own, from 1 up.
      long kept = answers.stream().filter(r -> r.statusCode() == 200).count();
      assertThat(store.find("config-race-1").orElseThrow().version()).isEqualTo(kept);
    } finally {
      both.shutdownNow();
    }
  }

  @Test
  void aWriterThatReadTheVersionBeforeAnotherWroteItIsTurnedAway() throws Exception {
    long read = store.replace("config-race-2", 0, 1, RULES, "config-manager-a", Instant.now()).orElseThrow()
        .version();
    assertThat(read).isEqualTo(1);
    assertThat(lateWriterAfterAnother("config-race-2", read, read + 1)).isEmpty();
    Stored stored = store.find("config-race-2").orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.setBy()).isEqualTo("config-manager-a");
  }

  @Test
  void aWriterJumpingToTheVersionTheDeviceRunsIsTurnedAwayAsWellWhenSomeoneCameFirst() throws Exception {
    assertThat(store.replace("config-race-3", 0, 1, RULES, "config-manager-a", Instant.now())).isPresent();
    assertThat(lateWriterAfterAnother("config-race-3", 1, 7)).isEmpty();
    Stored stored = store.find("config-race-3").orElseThrow();
    assertThat(stored.version()).isEqualTo(2);
    assertThat(stored.setBy()).isEqualTo("config-manager-a");
  }

  @Test
  void aDeviceRunningAVersionAboveTheStoredOneIsSentTheNextVersionAboveIt() {
    ObjectNode rules = JsonNodeFactory.instance.objectNode().set("rules", JsonNodeFactory.instance.arrayNode());
    assertThat(configs.set("config-race-4", rules, null, "config-manager-a")).map(Desired::version).contains(1L);
    Optional<Desired> jumped = configs.set("config-race-4", rules, 4L, "config-manager-b");
    assertThat(jumped).map(Desired::version).contains(5L);
    assertThat(jumped).map(Desired::setBy).contains("config-manager-b");
    assertThat(configs.set("config-race-4", rules, 5L, "config-manager-a")).map(Desired::version).contains(6L);
    assertThat(configs.find("config-race-4")).map(d -> d.config().get("version").asLong()).contains(6L);
  }

  /**
   * Reads {@code read} in a transaction, lets config-manager-a store the next version meanwhile, then tries to
   * store {@code version} as config-manager-b; returns what that late write stored.
   */
  private Optional<Stored> lateWriterAfterAnother(String deviceId, long read, long version) throws Exception {
    CountDownLatch readIt = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService late = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Stored>> lateWrite = late.submit(() -> {
        transaction.begin();
        try {
          assertThat(store.find(deviceId).orElseThrow().version()).isEqualTo(read);
          readIt.countDown();
          assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
          Optional<Stored> turnedAway = store.replace(deviceId, read, version, "{\"rules\":[],\"late\":true}",
              "config-manager-b", Instant.now());
          assertThat(transaction.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
          return turnedAway;
        } finally {
          transaction.rollback();
        }
      });
      assertThat(readIt.await(30, TimeUnit.SECONDS)).isTrue();
      Optional<Stored> first = store.replace(deviceId, read, read + 1, RULES, "config-manager-a", Instant.now());
      written.countDown();
      assertThat(first).map(Stored::version).contains(read + 1);
      return lateWrite.get(60, TimeUnit.SECONDS);
    } finally {
      late.shutdownNow();
    }
  }
}
