import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { FastifyServerFactory } from 'fastify';

/** Fastify's own request listener. */
export type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Answers a request itself, or hands it to Fastify's listener (now or later, never both). */
export type EarlyResponder = (req: IncomingMessage, res: ServerResponse, fastify: RequestListener) => void;

/** The server options Fastify passes its server factory (with its defaults applied). */
interface ServerOptions {
  http?: http.ServerOptions;
  keepAliveTimeout?: number;
  requestTimeout?: number;
  connectionTimeout?: number;
  maxRequestsPerSocket?: number;
}

/**
 * A node:http server for Fastify's `serverFactory` option whose listener
 * gives the early responder (the page cache) the first look at every
 * request: a hit costs a Map look-up and a socket write instead of
 * Fastify's request pipeline. Until a responder is installed, and for
 * whatever it hands on, Fastify answers as usual. The server is set up as
 * Fastify sets up its own (keep-alive, timeouts).
 */
export function earlyServer(): { serverFactory: FastifyServerFactory; install(responder: EarlyResponder): void } {
  let responder: EarlyResponder | null = null;
  const serverFactory: FastifyServerFactory = (handler, rawOptions) => {
    const options = rawOptions as ServerOptions;
    const fastify = handler as RequestListener;
    const server = http.createServer(options.http ?? {}, (req, res) => (responder ? responder(req, res, fastify) : fastify(req, res)));
    if (options.keepAliveTimeout !== undefined) server.keepAliveTimeout = options.keepAliveTimeout;
    if (options.requestTimeout !== undefined) server.requestTimeout = options.requestTimeout;
    if (options.connectionTimeout !== undefined) server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket !== undefined && options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
  return {
    serverFactory,
    install(next) {
      responder = next;
    },
  };
}
