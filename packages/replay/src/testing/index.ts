export { type FakeFailure, type FakeProvider, startFakeProvider } from "./fake-provider.ts";
