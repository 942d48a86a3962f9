package vn.farm.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.UserTransaction;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.farm.cloud.cropcycle.CropCycleStore;
import vn.farm.cloud.cropcycle.CropCycleStore.Cycle;
import vn.farm.cloud.harvest.HarvestStore;
import vn.farm.cloud.harvest.HarvestStore.Harvest;
import vn.farm.cloud.harvest.HarvestStore.HarvestRow;
import vn.farm.cloud.harvest.HarvestStore.Revision;

/**
 * Two people correcting the same revision of a harvest record at the same moment: exactly one correction is kept,
 * the other answers 409 on {@code revision}, and the history holds no version written over another.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class HarvestRaceTest {
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
  static long house;
  static long cycle;

  @Inject
  HarvestStore harvests;
  @Inject
  CropCycleStore cycles;
  @Inject
  UserTransaction transaction;

  @BeforeEach
  void aCropCycleWithTwoManagers() {
    if (house != 0) {
      return;
    }
    long coop = Api.cooperative("HTX Dưa lưới Củ Chi", "Hồ Chí Minh", "Củ Chi");
    house = Api.greenhouse(coop, "Nhà màng số 3", "harvest-race-1");
    Api.user("harvest-manager-a", "manager", coop, null);
    Api.user("harvest-manager-b", "manager", coop, null);
    cycle = cycles.create(house, new Cycle(null, "melon", null, 500.0, TODAY.minusDays(70), null, null, null),
        "harvest-manager-a", Instant.now()).id();
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  private static String harvestsPath() {
    return "/api/greenhouses/" + house + "/crop-cycles/" + cycle + "/harvests";
  }

  @Test
  void ofTwoCorrectionsOfTheSameRevisionSentAtOnceExactlyOneIsKept() throws Exception {
    long id = as("harvest-manager-a").body(Map.of("harvestedOn", TODAY.minusDays(1).toString(), "kg", 120.5))
        .when().post(harvestsPath()).then().statusCode(201).extract().jsonPath().getLong("id");
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (String who : List.of("harvest-manager-a", "harvest-manager-b")) {
        RequestSpecification request = as(who).body(Map.of("grade", who.substring(who.length() - 1), "revision", 1,
            "note", "weighed again by " + who));
        sent.add(both.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return request.when().patch(harvestsPath() + "/" + id);
        }));
      }
      List<Response> answers = new ArrayList<>();
      for (Future<Response> f : sent) {
        answers.add(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(answers).extracting(Response::statusCode).containsExactlyInAnyOrder(200, 409);
      Response lost = answers.stream().filter(r -> r.statusCode() == 409).findFirst().orElseThrow();
      assertThat(lost.jsonPath().getString("field")).isEqualTo("revision");
      Response won = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
      assertThat(won.jsonPath().getInt("revision")).isEqualTo(2);
      List<Revision> history = harvests.history(id);
      assertThat(history).extracting(Revision::revision).containsExactly(1, 2);
      assertThat(history.get(1).harvest().grade()).isEqualTo(won.jsonPath().getString("harvest.grade"));
    } finally {
      both.shutdownNow();
    }
  }

  @Test
  void aWriterThatReadTheRevisionBeforeAnotherWroteItIsTurnedAway() throws Exception {
    Harvest picked = new Harvest(TODAY.minusDays(2), 80.0, "1", null, false);
    long id = harvests.create(cycle, picked, "harvest-manager-a", Instant.now()).id();
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService late = Executors.newSingleThreadExecutor();
    try {
      // The late writer reads revision 1 in its transaction and waits; only its write comes after the other one.
      Future<Optional<HarvestRow>> lateWrite = late.submit(() -> {
        transaction.begin();
        try {
          assertThat(harvests.find(id).orElseThrow().revision()).isEqualTo(1);
          read.countDown();
          assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
          Optional<HarvestRow> turnedAway = harvests.revise(id, 1, withKg(picked, 85.0), "harvest-manager-b", null,
              Instant.now());
          assertThat(transaction.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
          return turnedAway;
        } finally {
          transaction.rollback();
        }
      });
      assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
      Optional<HarvestRow> first = harvests.revise(id, 1, withKg(picked, 82.0), "harvest-manager-a", "scale fixed",
          Instant.now());
      written.countDown();

      assertThat(first).map(HarvestRow::revision).contains(2);
      assertThat(lateWrite.get(60, TimeUnit.SECONDS)).isEmpty();
      HarvestRow stored = harvests.find(id).orElseThrow();
      assertThat(stored.revision()).isEqualTo(2);
      assertThat(stored.harvest().kg()).isEqualTo(82.0);
      assertThat(harvests.history(id)).extracting(r -> r.harvest().kg()).containsExactly(80.0, 82.0);
    } finally {
      late.shutdownNow();
    }
  }

  private static Harvest withKg(Harvest h, double kg) {
    return new Harvest(h.harvestedOn(), kg, h.grade(), h.priceVndPerKg(), h.voided());
  }
}
