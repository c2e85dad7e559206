/**
 * The structs and enum `GrafanaDashboard` takes (public API). The rendering with Grafana's foundation SDK
 * lives in `model/grafana.ts`.
 *
 * @see https://grafana.com/docs/grafana/latest/dashboards/build-dashboards/view-dashboard-json-model/
 */

/** How a panel shows its queries. */
export enum PanelType {
  /** A graph over time (`timeseries`). */
  TIMESERIES = 'timeseries',
  /** One big number (`stat`). */
  STAT = 'stat',
  /** A gauge (`gauge`). */
  GAUGE = 'gauge',
}

/** A PromQL query of a panel. */
export interface DashboardQuery {
  /** The PromQL expression; may use dashboard variables such as `$service`. */
  readonly expr: string;
  /** Legend text, e.g. `{{sloth_slo}}`. @default - Grafana's default (the series labels) */
  readonly legendFormat?: string;
  /** Evaluate only at the end of the range (for stat and gauge panels). @default - true for stat/gauge, false otherwise */
  readonly instant?: boolean;
}

/** A threshold step: from `value` upwards the color applies (the first step has no value). */
export interface DashboardThreshold {
  /** Lower bound of the step. @default - the base step (minus infinity) */
  readonly value?: number;
  /** A Grafana color name or hex, e.g. `red`, `#FF9830`. */
  readonly color: string;
}

/** A panel. */
export interface DashboardPanel {
  /** Title shown on the panel. */
  readonly title: string;
  /** @default PanelType.TIMESERIES */
  readonly type?: PanelType;
  /** The queries (refIds A, B, … in order). */
  readonly queries: DashboardQuery[];
  /** Description (hover text). @default - none */
  readonly description?: string;
  /** Grafana unit id, e.g. `percentunit`, `s`, `reqps`. @default - no unit */
  readonly unit?: string;
  /** Minimum of the axis / gauge. @default - automatic */
  readonly min?: number;
  /** Maximum of the axis / gauge. @default - automatic */
  readonly max?: number;
  /** Decimals shown. @default - automatic @integer */
  readonly decimals?: number;
  /** Threshold steps. @default - Grafana's default (green, red at 80) */
  readonly thresholds?: DashboardThreshold[];
  /** Width in grid columns (1-24). @default 12 (8 for stat and gauge) @integer */
  readonly width?: number;
  /** Height in grid rows. @default 8 (5 for stat and gauge) @integer */
  readonly height?: number;
}

/** A query variable (a dropdown filled from label values). */
export interface DashboardVariable {
  /** Variable name, used as `$name` in queries. */
  readonly name: string;
  /** The variable query, e.g. `label_values(slo:sli_error:ratio_rate5m, sloth_service)`. */
  readonly query: string;
  /** Label shown in the dropdown. @default - the name */
  readonly label?: string;
  /** Allow several values. @default false */
  readonly multi?: boolean;
  /** Offer an "All" option. @default false */
  readonly includeAll?: boolean;
}

/** A row of panels. */
export interface DashboardRow {
  /** Row title. */
  readonly title: string;
  /** Panels in the row, laid out left to right. */
  readonly panels: DashboardPanel[];
}
