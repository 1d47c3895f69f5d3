// The Web Worker side of `createWorkerClient` in browsers (a module worker).
import * as simile from "../browser.js";
import { serveDatabase } from "./host.js";

serveDatabase({ post: (msg, transfer) => self.postMessage(msg, transfer), onMessage: (fn) => self.addEventListener("message", (e) => fn(e.data)) }, simile);
