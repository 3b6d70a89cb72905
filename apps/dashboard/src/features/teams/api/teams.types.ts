import type { Role } from '@/features/auth/api/auth.types';

export interface Team {
  id: string;
  name: string;
  member_count: number;
  created_at: string;
}

export interface TeamMember {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface TeamDetail extends Team {
  members: TeamMember[];
}
