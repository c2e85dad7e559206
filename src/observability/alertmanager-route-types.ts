/**
 * The public structs of `AlertmanagerRouting` that carry durations (cdk8s `Duration`, rendered as Prometheus
 * durations: `30s`, `4h`). The model sees them as `AlertmanagerRouteSpec` and `AlertmanagerGlobalSpec`
 * (`model/alertmanager.ts`), converted by `alertmanager-route-spec.ts`.
 *
 * @see https://prometheus.io/docs/alerting/latest/configuration/#route
 */
import { Duration } from 'cdk8s';

/**
 * A route of the routing tree. The root route needs `receiver` and must not have matchers or time intervals;
 * children inherit every option they leave unset.
 */
export interface AlertmanagerRoute {
  /** The receiver alerts of this route go to. @default - inherited from the parent route (required on the root) */
  readonly receiver?: string;
  /**
   * Label matchers in Alertmanager's syntax, e.g. `'sloth_severity="page"'`, `'team=~"db|cache"'`. Regular
   * expressions are anchored. A label the alert lacks matches as the empty string.
   * @default - matches every alert
   */
  readonly matchers?: string[];
  /** Labels to group alerts by; `['...']` groups by all labels. @default - inherited (root: no grouping) */
  readonly groupBy?: string[];
  /**
   * How long to wait before sending the first notification of a group.
   * @default - inherited (root: Duration.seconds(30))
   */
  readonly groupWait?: Duration;
  /**
   * How long to wait before notifying about new alerts of a group; longer than 0.
   * @default - inherited (root: Duration.minutes(5))
   */
  readonly groupInterval?: Duration;
  /**
   * How long to wait before re-sending a notification; longer than 0.
   * @default - inherited (root: Duration.hours(4))
   */
  readonly repeatInterval?: Duration;
  /** Whether an alert matching this route also tries the following siblings. @default false */
  readonly continue?: boolean;
  /** Names of time intervals during which this route is muted. @default - none */
  readonly muteTimeIntervals?: string[];
  /** Names of time intervals during which this route is active. @default - always active */
  readonly activeTimeIntervals?: string[];
  /** Child routes, tried in order. @default - none */
  readonly routes?: AlertmanagerRoute[];
}

/** The `global` section (only non-secret fields). */
export interface AlertmanagerGlobal {
  /** Time after which an alert without updates is resolved; longer than 0. @default Duration.minutes(5) */
  readonly resolveTimeout?: Duration;
  /** Default sender address of email receivers. @default - none */
  readonly smtpFrom?: string;
  /** Default SMTP server (`host:port`) of email receivers. @default - none */
  readonly smtpSmarthost?: string;
  /** Default STARTTLS requirement of email receivers. @default true */
  readonly smtpRequireTls?: boolean;
}

/** One route an alert reaches, with its effective (inherited) options (see `AlertmanagerRouting.matchingRoutes`). */
export interface MatchedRoute {
  /** The receiver notified. */
  readonly receiver: string;
  /** Where the route is in the tree, e.g. `route.routes[1].routes[0]`. */
  readonly path: string;
  /** Effective grouping labels. */
  readonly groupBy: string[];
  /** Effective group wait. */
  readonly groupWait: Duration;
  /** Effective group interval. */
  readonly groupInterval: Duration;
  /** Effective repeat interval. */
  readonly repeatInterval: Duration;
  /** Effective mute time intervals. */
  readonly muteTimeIntervals: string[];
  /** Effective active time intervals. */
  readonly activeTimeIntervals: string[];
}
