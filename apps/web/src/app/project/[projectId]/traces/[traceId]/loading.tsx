export default function TraceLoading() {
  return (
    <div aria-busy="true" aria-label="Loading run">
      <span className="skeleton" style={{ width: 240, height: 22, marginBottom: 16 }} />
      <span className="skeleton" style={{ width: "100%", height: 56, marginBottom: 16 }} />
      <span className="skeleton" style={{ width: "100%", height: 320 }} />
    </div>
  );
}
