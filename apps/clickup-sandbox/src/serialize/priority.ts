/** Task priorities 1–4. Urgent and normal colours are the ones seen live (API-NOTES §3). */
export const PRIORITIES: Record<number, { id: string; priority: string; color: string; orderindex: string }> =
  {
    1: { id: '1', priority: 'urgent', color: '#f50000', orderindex: '1' },
    2: { id: '2', priority: 'high', color: '#ffcc00', orderindex: '2' },
    3: { id: '3', priority: 'normal', color: '#6fddff', orderindex: '3' },
    4: { id: '4', priority: 'low', color: '#d8d8d8', orderindex: '4' },
  };
