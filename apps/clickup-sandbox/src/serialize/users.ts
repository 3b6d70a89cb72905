import type { Role, UserRec } from '../store/types';

/** `GET /v2/user` */
export function authorizedUser(u: UserRec) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    color: u.color,
    profilePicture: u.profilePicture,
    initials: u.initials,
    week_start_day: u.weekStartDay,
    global_font_support: false,
    timezone: u.timezone,
  };
}

/** The user object inside task assignees, watchers, comments and checklist items. */
export function userRef(u: UserRec) {
  return {
    id: u.id,
    username: u.username,
    color: u.color,
    initials: u.initials,
    email: u.email,
    profilePicture: u.profilePicture,
  };
}

export function teamMember(u: UserRec, role: Role) {
  return {
    user: {
      id: u.id,
      username: u.username,
      email: u.email,
      color: u.color,
      profilePicture: u.profilePicture,
      initials: u.initials,
      role,
      last_active: null,
      date_joined: null,
      date_invited: null,
    },
  };
}

/** `GET /v2/task/{id}/member`, `GET /v2/list/{id}/member` */
export function memberEntry(u: UserRec) {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    color: u.color,
    initials: u.initials,
    profilePicture: u.profilePicture,
    profileInfo: {
      display_profile: null,
      verified_ambassador: null,
      verified_consultant: null,
      top_tier_user: null,
      viewed_verified_ambassador: null,
      viewed_verified_consultant: null,
      viewed_top_tier_user: null,
    },
  };
}
