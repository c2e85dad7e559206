import { MANAGER } from './conventions';

/** Options of the secure metrics endpoint. */
export interface SecureMetricsOptions {
  /**
   * The port the manager serves HTTPS metrics on.
   *
   * @default 8443
   * @integer
   */
  readonly port?: number;
  /**
   * Serve metrics with a certificate issued by cert-manager (kubebuilder's optional `metrics-certs`) instead
   * of the manager's self-generated one, so a ServiceMonitor can verify the server instead of skipping TLS
   * verification.
   *
   * @default false
   */
  readonly certManagerCertificate?: boolean;
}

/** Options of the plain HTTP metrics endpoint. */
export interface HttpMetricsOptions {
  /**
   * The port the manager serves plain HTTP metrics on.
   *
   * @default 8080
   * @integer
   */
  readonly port?: number;
}

/**
 * How the controller manager serves its Prometheus metrics.
 *
 * @see https://book.kubebuilder.io/reference/metrics
 */
export class OperatorMetrics {
  /**
   * HTTPS with authentication and authorization (kubebuilder's default): the manager checks each scrape
   * with a TokenReview and a SubjectAccessReview, so scrapers need the `metrics-reader` ClusterRole.
   */
  public static secure(options: SecureMetricsOptions = {}): OperatorMetrics {
    return new OperatorMetrics('secure', options.port ?? MANAGER.secureMetricsPort, options.certManagerCertificate ?? false);
  }

  /** Plain HTTP without authentication, for clusters where a NetworkPolicy or mesh protects the port. */
  public static http(options: HttpMetricsOptions = {}): OperatorMetrics {
    return new OperatorMetrics('http', options.port ?? MANAGER.httpMetricsPort, false);
  }

  /** No metrics endpoint (`--metrics-bind-address=0`). */
  public static disabled(): OperatorMetrics {
    return new OperatorMetrics('disabled', 0, false);
  }

  /** `secure`, `http` or `disabled`. */
  public readonly mode: string;
  /** The port metrics are served on (0 when disabled). */
  public readonly port: number;
  /** Whether the metrics server certificate is issued by cert-manager. */
  public readonly certManagerCertificate: boolean;

  private constructor(mode: string, port: number, certManagerCertificate: boolean) {
    this.mode = mode;
    this.port = port;
    this.certManagerCertificate = certManagerCertificate;
  }
}
