// The worker_threads side of `createWorkerClient` in Node.
import { parentPort } from "node:worker_threads";
import * as simile from "../node.js";
import { serveDatabase } from "./host.js";

serveDatabase({ post: (msg, transfer) => parentPort.postMessage(msg, transfer), onMessage: (fn) => parentPort.on("message", fn) }, simile);
