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
import vn.farm.cloud.cropcycle.CropCycleStore.CycleRow;
import vn.farm.cloud.cropcycle.CropCycleStore.Revision;

/**
 * Two people correcting the same revision of a crop cycle at the same moment: exactly one correction is kept, the
 * other answers 409 on {@code revision}, and the history holds no version written over another.
 */
@QuarkusTest
@WithTestResource(FarmCloudTestResource.class)
class CropCycleRaceTest {
  static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
  static long house;

  @Inject
  CropCycleStore cycles;
  @Inject
  UserTransaction transaction;

  @BeforeEach
  void aGreenhouseWithTwoManagers() {
    if (house != 0) {
      return;
    }
    long coop = Api.cooperative("HTX Rau Mộc Châu", "Sơn La", "Mộc Châu");
    house = Api.greenhouse(coop, "Nhà màng số 2", "race-1");
    Api.user("race-manager-a", "manager", coop, null);
    Api.user("race-manager-b", "manager", coop, null);
  }

  private static RequestSpecification as(String username) {
    return Api.as(username, Api.passwordOf(username)).contentType(ContentType.JSON);
  }

  private static String cycles() {
    return "/api/greenhouses/" + house + "/crop-cycles";
  }

  @Test
  void ofTwoCorrectionsOfTheSameRevisionSentAtOnceExactlyOneIsKept() throws Exception {
    long id = as("race-manager-a").body(Map.of("crop", "cucumber", "plantedOn", TODAY.minusDays(5).toString()))
        .when().post(cycles()).then().statusCode(201).extract().jsonPath().getLong("id");
    CyclicBarrier together = new CyclicBarrier(2);
    ExecutorService both = Executors.newFixedThreadPool(2);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (String who : List.of("race-manager-a", "race-manager-b")) {
        RequestSpecification request = as(who).body(Map.of("variety", "by " + who, "revision", 1));
        sent.add(both.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          return request.when().patch(cycles() + "/" + id);
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
      List<Revision> history = cycles.history(id);
      assertThat(history).extracting(Revision::revision).containsExactly(1, 2);
      assertThat(history.get(1).cycle().variety()).isEqualTo(won.jsonPath().getString("variety"));
    } finally {
      both.shutdownNow();
    }
  }

  @Test
  void aWriterThatReadTheRevisionBeforeAnotherWroteItIsTurnedAway() throws Exception {
    Cycle planted = new Cycle(null, "tomato", null, null, TODAY.minusDays(20), TODAY.plusDays(100), null, null);
    long id = cycles.create(house, planted, "race-manager-a", Instant.now()).id();
    CountDownLatch read = new CountDownLatch(1);
    CountDownLatch written = new CountDownLatch(1);
    ExecutorService late = Executors.newSingleThreadExecutor();
    try {
      // The late writer reads revision 1 in its transaction and waits; only its write comes after the other one.
      Future<Optional<CycleRow>> lateWrite = late.submit(() -> {
        transaction.begin();
        try {
          assertThat(cycles.find(id).orElseThrow().revision()).isEqualTo(1);
          read.countDown();
          assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
          Optional<CycleRow> turnedAway = cycles.revise(id, 1, withVariety(planted, "late"), "race-manager-b", null,
              Instant.now());
          assertThat(transaction.getStatus()).isEqualTo(Status.STATUS_MARKED_ROLLBACK);
          return turnedAway;
        } finally {
          transaction.rollback();
        }
      });
      assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
      Optional<CycleRow> first = cycles.revise(id, 1, withVariety(planted, "first"), "race-manager-a", null,
          Instant.now());
      written.countDown();

      assertThat(first).map(CycleRow::revision).contains(2);
      assertThat(lateWrite.get(60, TimeUnit.SECONDS)).isEmpty();
      CycleRow stored = cycles.find(id).orElseThrow();
      assertThat(stored.revision()).isEqualTo(2);
      assertThat(stored.cycle().variety()).isEqualTo("first");
      assertThat(cycles.history(id)).extracting(r -> r.cycle().variety()).containsExactly(null, "first");
    } finally {
      late.shutdownNow();
    }
  }

  private static Cycle withVariety(Cycle c, String variety) {
    return new Cycle(c.zoneId(), c.crop(), variety, c.areaM2(), c.plantedOn(), c.expectedHarvest(), c.endedOn(),
        c.stage());
  }
}
