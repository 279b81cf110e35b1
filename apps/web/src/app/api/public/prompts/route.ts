import { handleCreatePrompt, handleGetPrompt } from "@/server/public-prompts";

export const dynamic = "force-dynamic";

export function GET(request: Request) {
  return handleGetPrompt(request);
}

export function POST(request: Request) {
  return handleCreatePrompt(request);
}
