/**
 * Every screen of the console, in navigation order. Public routes (sign-in and the public report,
 * status and appeal pages) render without a session; console routes need one and may need a permission.
 */
import type { ComponentType } from 'react';
import type { ConsolePermission } from './api/types.ts';
import type { MessageKey } from './i18n/catalogues.ts';
import { AccountPage } from './pages/AccountPage.tsx';
import { ApiKeysPage } from './pages/ApiKeysPage.tsx';
import { AuditPage } from './pages/AuditPage.tsx';
import { JobsPage } from './pages/JobsPage.tsx';
import { LoginPage } from './pages/LoginPage.tsx';
import { OrganisationPage } from './pages/OrganisationPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { AppealPage } from './public/AppealPage.tsx';
import { ReportPage } from './public/ReportPage.tsx';
import { ReportStatusPage } from './public/ReportStatusPage.tsx';
import { AppealsPage } from './review/AppealsPage.tsx';
import { CasePage } from './review/CasePage.tsx';
import { QueuePage } from './review/QueuePage.tsx';
import { BankPage } from './banks/BankPage.tsx';
import { BanksPage } from './banks/BanksPage.tsx';
import { lazyPage } from './ui/lazyPage.tsx';

/** Navigation groups, in the order the navigation shows them. */
export const navGroups = ['review', 'civilSociety', 'administration'] as const;
export type NavGroup = (typeof navGroups)[number];

export interface ConsoleRoute {
  path: string;
  title: MessageKey;
  page: ComponentType;
  permission?: ConsolePermission;
  /** Navigation group; personal pages are reached from the account bar instead. */
  nav?: NavGroup;
}

export interface PublicRoute {
  path: string;
  page: ComponentType;
}

export const consoleRoutes: readonly ConsoleRoute[] = [
  { path: '/cases', title: 'nav.queue', page: QueuePage, permission: 'cases:read', nav: 'review' },
  { path: '/cases/:caseId', title: 'nav.queue', page: CasePage, permission: 'cases:read' },
  { path: '/appeals', title: 'nav.appeals', page: AppealsPage, permission: 'cases:read', nav: 'review' },
  { path: '/banks', title: 'nav.banks', page: BanksPage, permission: 'banks:read', nav: 'review' },
  { path: '/banks/:bankId', title: 'nav.banks', page: BankPage, permission: 'banks:read' },
  {
    path: '/incidents',
    title: 'nav.incidents',
    page: lazyPage(async () => (await import('./incidents/IncidentsPage.tsx')).IncidentsPage),
    permission: 'cases:read',
    nav: 'review',
  },
  {
    path: '/notices',
    title: 'nav.notices',
    page: lazyPage(async () => (await import('./notices/NoticesPage.tsx')).NoticesPage),
    permission: 'notices:read',
    nav: 'civilSociety',
  },
  {
    path: '/notices/new',
    title: 'notices.new',
    page: lazyPage(async () => (await import('./notices/NewNoticePage.tsx')).NewNoticePage),
    permission: 'notices:manage',
  },
  {
    path: '/notices/:noticeId',
    title: 'nav.notices',
    page: lazyPage(async () => (await import('./notices/NoticePage.tsx')).NoticePage),
    permission: 'notices:read',
  },
  {
    path: '/platforms',
    title: 'nav.platforms',
    page: lazyPage(async () => (await import('./platforms/PlatformsPage.tsx')).PlatformsPage),
    permission: 'notices:read',
    nav: 'civilSociety',
  },
  {
    path: '/platforms/:platformId',
    title: 'nav.platforms',
    page: lazyPage(async () => (await import('./platforms/PlatformPage.tsx')).PlatformPage),
    permission: 'platforms:manage',
  },
  {
    path: '/evidence',
    title: 'nav.evidence',
    page: lazyPage(async () => (await import('./evidence/EvidencePage.tsx')).EvidencePage),
    permission: 'evidence:read',
    nav: 'civilSociety',
  },
  {
    path: '/evidence/:itemId',
    title: 'nav.evidence',
    page: lazyPage(async () => (await import('./evidence/EvidenceItemPage.tsx')).EvidenceItemPage),
    permission: 'evidence:read',
  },
  {
    path: '/scorecards',
    title: 'nav.scorecards',
    page: lazyPage(async () => (await import('./scorecards/ScorecardsPage.tsx')).ScorecardsPage),
    permission: 'scorecards:read',
    nav: 'civilSociety',
  },
  {
    path: '/organisation',
    title: 'nav.organisation',
    page: OrganisationPage,
    permission: 'organisation:read',
    nav: 'administration',
  },
  { path: '/users', title: 'nav.users', page: UsersPage, permission: 'users:read', nav: 'administration' },
  {
    path: '/api-keys',
    title: 'nav.apiKeys',
    page: ApiKeysPage,
    permission: 'apikeys:manage',
    nav: 'administration',
  },
  {
    path: '/webhooks',
    title: 'nav.webhooks',
    page: lazyPage(async () => (await import('./webhooks/WebhooksPage.tsx')).WebhooksPage),
    permission: 'webhooks:manage',
    nav: 'administration',
  },
  {
    path: '/language-packs',
    title: 'nav.languagePacks',
    page: lazyPage(async () => (await import('./language-packs/LanguagePacksPage.tsx')).LanguagePacksPage),
    permission: 'langpacks:read',
    nav: 'administration',
  },
  {
    path: '/language-packs/:lang',
    title: 'nav.languagePacks',
    page: lazyPage(async () => (await import('./language-packs/LanguagePackPage.tsx')).LanguagePackPage),
    permission: 'langpacks:read',
  },
  { path: '/audit', title: 'nav.audit', page: AuditPage, permission: 'audit:read', nav: 'administration' },
  { path: '/jobs', title: 'nav.jobs', page: JobsPage, permission: 'jobs:read', nav: 'administration' },
  { path: '/account', title: 'nav.account', page: AccountPage },
];

export const publicRoutes: readonly PublicRoute[] = [
  { path: '/login', page: LoginPage },
  { path: '/report/:organisation', page: ReportPage },
  { path: '/r/:reference', page: ReportStatusPage },
  { path: '/appeal', page: AppealPage },
  {
    path: '/scorecards/:organisation',
    page: lazyPage(async () => (await import('./scorecards/PublicScorecardPage.tsx')).PublicScorecardPage),
  },
];

/** Where `/` leads: the first screen the user may open. */
export function homePath(can: (permission: ConsolePermission) => boolean): string {
  return (
    consoleRoutes.find((route) => route.nav && (!route.permission || can(route.permission)))?.path ??
    '/account'
  );
}
