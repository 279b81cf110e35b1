import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AnalysisSettingsEditor } from "@/features/analysis-settings/components/analysis-settings-editor";
import { ApiKeyManager } from "@/features/api-keys/components/api-key-manager";
import { PriceOverrideEditor } from "@/features/price-overrides/components/price-override-editor";
import { ProviderKeyManager } from "@/features/provider-keys/components/provider-key-manager";
import { getQueryClient, HydrateClient, trpc } from "@/trpc/server";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage({ params }: { params: Promise<{ projectId: string }> }) {
  const { projectId } = await params;
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.apiKey.list.queryOptions({ projectId })),
    queryClient.prefetchQuery(trpc.priceOverride.list.queryOptions({ projectId })),
    queryClient.prefetchQuery(trpc.providerCredential.list.queryOptions({ projectId })),
    queryClient.prefetchQuery(trpc.analysisSettings.get.queryOptions({ projectId })),
  ]);
  return (
    <HydrateClient>
      <PageHeader title="Settings" description="Project configuration and credentials." />
      <ApiKeyManager projectId={projectId} />
      <PriceOverrideEditor projectId={projectId} />
      <ProviderKeyManager projectId={projectId} />
      <AnalysisSettingsEditor projectId={projectId} />
    </HydrateClient>
  );
}
