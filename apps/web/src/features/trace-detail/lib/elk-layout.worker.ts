// ELK's layout engine, run off the main thread. In a worker scope the engine script registers
// its own message handler, which elk-api (on the page) talks to.
import "elkjs/lib/elk-worker.min.js";
