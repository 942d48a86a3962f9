package vn.farm.cloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** The farm cloud's own settings, under the {@code farm.} prefix of application.properties. */
@ConfigMapping(prefix = "farm")
public interface FarmConfig {
  /** Folder for the H2 database and the embedded broker's data. */
  Path dataDir();

  Mqtt mqtt();

  Tls tls();

  Commands commands();

  Ingest ingest();

  Auth auth();

  /** The farm's time zone: days of the daily summaries and of reports begin at its midnight. */
  @WithDefault("Asia/Ho_Chi_Minh")
  java.time.ZoneId timezone();

  Retention retention();

  Alerts alerts();

  Stream stream();

  /** The dashboards' live stream. */
  interface Stream {
    /**
     * How often an open stream checks its session and the greenhouses its person sees now: a logout, a disabled
     * account or a withdrawn greenhouse ends or narrows it within this time, and a controller added to one of
     * theirs joins it.
     */
    @WithDefault("30s")
    Duration rescopeEvery();

    /** Most streams one session holds open at once (a dashboard tab holds one); one more answers 429. */
    @WithDefault("4")
    int maxPerSession();
  }

  /** How alert rules are evaluated and their messages sent (docs/alerts.md). */
  interface Alerts {
    /** How often band and silence rules are evaluated. */
    @WithDefault("30s")
    Duration evaluateEvery();

    /** How long after start the first evaluation waits, so controllers can report in first. */
    @WithDefault("30s")
    Duration evaluateDelay();

    /** How often due messages are sent. */
    @WithDefault("5s")
    Duration sendEvery();

    /** The wait before the second attempt of a message; each further wait doubles. */
    @WithDefault("30s")
    Duration retryAfter();

    /**
     * Hosts that channels may post to besides public addresses, such as a cooperative's own SMS gateway on its
     * network: host names (exactly as in the channel's URL), addresses, or blocks such as {@code 10.0.0.0/8}.
     */
    Optional<java.util.List<String>> allowedHosts();

    /** Longest one message's HTTP exchange may take, connecting included. */
    @WithDefault("15s")
    Duration sendTimeout();

    /** Messages sent at once over all channels. */
    @WithDefault("16")
    int senders();

    /** Messages sent at once over one channel: a receiver that does not answer holds no more places than this. */
    @WithDefault("2")
    int perChannel();

    /** Messages sent at once for one cooperative, over all its channels. */
    @WithDefault("4")
    int perCooperative();
  }

  Export export();

  /** The scheduled export of reports and open data to a folder (docs/reports.md). */
  interface Export {
    /** The folder the exports are written to; without one nothing is exported on a schedule. */
    Optional<Path> folder();

    /** How often the exports are written. */
    @WithDefault("24h")
    Duration every();

    /** How long after start the first export waits. */
    @WithDefault("5m")
    Duration delay();
  }

  Db db();

  /** Which database is active: {@code h2} (default) or {@code postgresql} (the {@code postgres} profile). */
  interface Db {
    @WithDefault("h2")
    String kind();
  }

  /** How long raw readings are kept; hourly and daily summaries are kept for good. */
  interface Retention {
    /**
     * Raw readings measured longer ago than this are deleted, and ones that arrive that old are summarised
     * nowhere and not stored (the device is still sent a receipt, so it stops sending them).
     */
    @WithDefault("90")
    int rawDays();
  }

  /** Logins and sessions. */
  interface Auth {
    /** A session not used for this long ends; using it moves the deadline on. */
    @WithDefault("30d")
    Duration sessionIdle();

    /** Failed logins in a row that lock an account. */
    @WithDefault("5")
    int maxFailures();

    /**
     * How long a locked account stays locked, for browsers without the person's device cookie; a device's own
     * failures lock it for as long.
     */
    @WithDefault("15m")
    Duration lockout();

    /** Failed logins one source address may make at once; then one more every {@link #addressWindow} / this. */
    @WithDefault("30")
    int addressMaxFailures();

    /** The time over which a source address's allowance of failed logins comes back whole. */
    @WithDefault("15m")
    Duration addressWindow();

    /**
     * How long a browser's device cookie counts from its last login: its logins are counted against it, not against
     * its person's account, so that a lock from guesses elsewhere does not shut the person out of their own browser.
     */
    @WithDefault("365d")
    Duration deviceLifetime();

    /** Marks the session cookie Secure (sent over HTTPS only); set it when the cloud is served over HTTPS. */
    @WithDefault("false")
    boolean secureCookie();

    /**
     * Password of the first administrator, made when nobody can log in yet; when unset, one is generated and written
     * to a file in the data folder (never to the log).
     */
    Optional<String> adminPassword();
  }

  /** How telemetry and events are written. */
  interface Ingest {
    /**
     * Messages of all devices inside ingest at once before the broker holds back their next publishes
     * (back-pressure), shared among the devices in turn. Kept to about half a second of writing: a long queue of
     * decoded messages costs the collector more than it saves.
     */
    @WithDefault("2000")
    int queueSize();

    /** Most messages written in one transaction. */
    @WithDefault("1000")
    int batchSize();

    /**
     * Most readings written in one transaction (a message with more goes alone): keeps one transaction short
     * however large the messages, since every message waiting behind it waits as long.
     */
    @WithDefault("10000")
    long batchReadings();

    /**
     * Most bytes of messages, as received, written in one transaction (a larger message goes alone): a batch of
     * large events takes as long to write as one of many readings.
     */
    @WithDefault("2097152")
    long batchBytes();

    /**
     * How long the writer may go without finishing a batch while messages wait before the cloud reports itself not
     * ready ({@code /q/health/ready}): the database unreachable, a full disk, a lock held.
     */
    @WithDefault("60s")
    java.time.Duration stallAfter();

    /**
     * Messages of one device inside ingest at once (decoded, waiting, being written); beyond, the broker holds back
     * that device's next publishes until some are stored, and the other devices carry on. Enough for one device
     * draining its backlog to fill the next batch while one is written: what waits is written fairly, devices in
     * turn, whatever its length.
     */
    @WithDefault("2000")
    int deviceQueue();

    /**
     * Least time between the starts of two transactions while they are not full: what arrives meanwhile is
     * written together, so each device's summary rows are updated once per window rather than in many small
     * transactions; the first message after a quiet spell is written at once.
     */
    @WithDefault("200ms")
    java.time.Duration batchWindow();

    /** Threads decoding and checking telemetry and events before they are written. */
    @WithDefault("2")
    int decoders();

    /**
     * With the embedded broker: whether a device's telemetry and events go from the broker to ingest inside this
     * process, as the broker receives them, instead of through a queue for the cloud's own MQTT session and back
     * over a socket. Status, state and acks always come through the cloud's MQTT client.
     */
    @WithDefault("true")
    boolean inProcess();
  }

  /** The cooperative's certificate authority and the server certificate it issues (docs/running.md, "TLS"). */
  interface Tls {
    /** Host names and addresses the server certificate names; this machine's host name is added. */
    @WithDefault("localhost,127.0.0.1")
    java.util.List<String> hosts();

    /** An authority the cooperative already has (PEM certificate), used instead of creating one; needs the key too. */
    Optional<Path> caCert();

    /** The given authority's unencrypted PEM private key. */
    Optional<Path> caKey();
  }

  /** How the cloud reaches the broker, and whether it runs one itself. */
  interface Mqtt {
    /** Whether to start the embedded HiveMQ CE broker in this process. */
    @WithDefault("true")
    boolean embedded();

    /** TCP port of the embedded broker's plain listener. */
    int port();

    /** Whether the embedded broker also listens without TLS, on {@link #port()}. */
    @WithDefault("true")
    boolean plain();

    /** TCP port of the embedded broker's TLS listener. */
    @WithDefault("8883")
    int tlsPort();

    /** Address the embedded broker listens on. */
    @WithDefault("0.0.0.0")
    String bindAddress();

    /** Embedded broker persistence: {@code file} (survives restarts) or {@code in-memory}. */
    @WithDefault("file")
    String persistence();

    /** Broker URL the cloud's own client connects to, e.g. {@code tcp://127.0.0.1:1883}. */
    String url();

    Optional<String> username();

    Optional<String> password();

    /** Password of the embedded broker's read-only {@code observer} login; unset, there is no such login. */
    Optional<String> observerPassword();

    /** Client id of the cloud's MQTT session, which the broker keeps while the cloud restarts. */
    @WithDefault("farm-cloud")
    String clientId();

    Limits limits();

    /** What the embedded broker holds each client to (docs/running.md, "Broker limits"). */
    interface Limits {
      /** Connections one network address may open at once before the rate below applies. */
      @WithDefault("100")
      int connectBurst();

      /** Connections one network address may open a second, once its burst is spent. */
      @WithDefault("10")
      double connectsPerSecond();

      /** QoS 1 publishes a client may have unacknowledged at once (MQTT 5 receive maximum); more disconnects it. */
      @WithDefault("10")
      int receiveMaximum();

      /**
       * Messages queued for a device while it is away or slow (commands, receipts): beyond, new ones are dropped.
       * The cloud's session and observers have the broker's own limit, 200,000: a limit set for one client costs the
       * broker a look-up in its store for every message queued to it, too much for the cloud's traffic.
       */
      @WithDefault("1000")
      long deviceQueue();
    }
  }

  /** Command lifecycle settings. */
  interface Commands {
    /** A sent command with no ack for this long becomes {@code timed_out}. */
    Duration ackTimeout();

    /** Lifetime given to a command when the caller names none. */
    Duration defaultTtl();
  }
}
