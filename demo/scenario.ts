/**
 * A demo scenario: the front service's request handling with (at most) one pitfall, and the traffic that
 * shows it. Add one by writing `scenarios/<name>.ts` and listing it in `scenarios/index.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** One request the built-in load loop sends to the front service. */
export interface LoadRequest {
  readonly method: 'GET' | 'POST';
  /** Path and query on the front service, e.g. `/products/7`. */
  readonly path: string;
  /** Sent as JSON when present. */
  readonly body?: unknown;
}

/** The traffic the built-in load loop sends: `requests` in turn, from `concurrency` clients. */
export interface LoadPlan {
  readonly requests: readonly LoadRequest[];
  /** Clients, each with at most one request in flight. */
  readonly concurrency: number;
  /** Requests per second over all clients (fewer when responses are slower than that allows). */
  readonly ratePerSecond: number;
}

/** What a scenario gets when it starts. */
export interface ScenarioContext {
  /** The demo's upstream service, `http://127.0.0.1:PORT` (routes in `service/upstream-server.ts`). */
  readonly upstreamUrl: string;
}

/** A started scenario: handles the front service's requests until stopped. */
export interface ScenarioService {
  /** Handles one request; a rejection becomes a JSON error answer (`HttpError` gives its status). */
  handle(request: IncomingMessage, response: ServerResponse): Promise<void>;
  /** Releases what the scenario holds (pools, leaked descriptors) so the process can exit cleanly. */
  stop(): Promise<void>;
}

export interface DemoScenario {
  /** The `--scenario` name. */
  readonly name: string;
  /** One line for `hyperscope demo --list` and the app. */
  readonly description: string;
  /** The load that shows this scenario's pitfall (with `--load`). */
  readonly load: LoadPlan;
  start(context: ScenarioContext): Promise<ScenarioService>;
}
