package dev.errand.example.http;

import dev.errand.core.ErrandApp;
import dev.errand.example.domain.ActivityRepository;
import dev.errand.example.domain.CurrentWorkspace;
import dev.errand.example.domain.NotificationRepository;
import dev.errand.example.domain.TaskRepository;
import dev.errand.example.domain.UserRepository;
import dev.errand.example.domain.WorkspaceRepository;
import dev.errand.example.usecase.AddComment;
import dev.errand.example.usecase.CompleteTask;
import dev.errand.example.usecase.CreateTask;
import dev.errand.example.usecase.CreateUser;
import dev.errand.example.usecase.MailTaskReport;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/** The tracker's endpoints, each a thin call into a use case or repository. */
public final class TrackerRoutes {

  private final CreateUser createUser;
  private final CreateTask createTask;
  private final AddComment addComment;
  private final CompleteTask completeTask;
  private final MailTaskReport taskReport;
  private final UserRepository users;
  private final TaskRepository tasks;
  private final NotificationRepository notifications;
  private final ActivityRepository activity;
  private final WorkspaceRepository workspaces;
  private final ErrandApp app;

  @Inject
  TrackerRoutes(
      CreateUser createUser,
      CreateTask createTask,
      AddComment addComment,
      CompleteTask completeTask,
      MailTaskReport taskReport,
      UserRepository users,
      TaskRepository tasks,
      NotificationRepository notifications,
      ActivityRepository activity,
      WorkspaceRepository workspaces,
      ErrandApp app) {
    this.workspaces = workspaces;
    this.createUser = createUser;
    this.createTask = createTask;
    this.addComment = addComment;
    this.completeTask = completeTask;
    this.taskReport = taskReport;
    this.users = users;
    this.tasks = tasks;
    this.notifications = notifications;
    this.activity = activity;
    this.app = app;
  }

  public List<Route> routes() {
    return List.of(
        Route.of(
            "POST", "/users", x -> created(createUser.create(x.text("name"), x.text("email")))),
        Route.of("GET", "/users", x -> ok(users.all())),
        Route.of("GET", "/users/{id}", x -> ok(users.get(x.pathId("id")))),
        Route.of(
            "POST",
            "/users/{id}/task-report",
            x -> new Route.Response(202, Map.of("workflowId", taskReport.request(x.pathId("id"))))),
        Route.of(
            "GET",
            "/users/{id}/notifications",
            x -> ok(notifications.forUser(users.get(x.pathId("id")).id()))),
        Route.of(
            "POST",
            "/tasks",
            x ->
                created(
                    TaskView.of(
                        createTask.create(
                            x.text("title"),
                            x.number("creatorId"),
                            x.numbers("assigneeIds"),
                            x.date("dueDate"))))),
        Route.of("GET", "/tasks/{id}", x -> ok(TaskView.of(tasks.get(x.pathId("id"))))),
        Route.of(
            "POST",
            "/tasks/{id}/comments",
            x -> created(addComment.add(x.pathId("id"), x.number("authorId"), x.text("body")))),
        Route.of(
            "POST",
            "/tasks/{id}/done",
            x -> ok(TaskView.of(completeTask.complete(x.pathId("id"))))),
        Route.of("GET", "/activity", x -> ok(activity.latest(100))),
        Route.of(
            "POST",
            "/workspaces",
            x -> {
              String id = CurrentWorkspace.checked(x.text("id"));
              workspaces.create(id, x.text("name") == null ? id : x.text("name"));
              return created(Map.of("id", id));
            }),
        Route.of(
            "DELETE",
            "/workspaces/{id}",
            x -> {
              workspaces.delete(x.pathText("id"));
              return ok(Map.of("deleted", x.pathText("id")));
            }),
        Route.of("GET", "/health", x -> ok(HealthView.of(app.health()))));
  }

  private static Route.Response ok(Object body) {
    return new Route.Response(200, body);
  }

  private static Route.Response created(Object body) {
    return new Route.Response(201, body);
  }
}
